package jspy.cli.dump;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import jspy.cli.profile.Bucket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DumpTest {
    private final Locale saved = Locale.getDefault();

    @AfterEach
    void restoreLocale() {
        Locale.setDefault(saved);
    }

    private static final StackFrame RUN = new StackFrame("java.lang.Thread", "run", "Thread.java", 833);

    /** A hand-made dump: one thread per case the renderer distinguishes. */
    static Dump model() {
        return new Dump(4242, "com.acme.Main", "17.0.15", List.of(
                new DumpedThread(1, "main", "TIMED_WAITING", false, Bucket.IDLE, null, -1, null, List.of(
                        new StackFrame("java.lang.Thread", "sleep", "Thread.java", StackFrame.NATIVE),
                        new StackFrame("com.acme.Main", "main", "Main.java", 12)), 4243, 1_234_567_890),
                new DumpedThread(23, "lock-monitor-waiter-1", "BLOCKED", false, Bucket.LOCK, "java.lang.Object@1b2c3d",
                        21, "lock-monitor-holder", List.of(
                                new StackFrame("com.acme.Locks", "enter", "Locks.java", 67),
                                new StackFrame("com.acme.Locks$$Lambda$14/0x0000000800c0b000", "run", null, -1), RUN),
                        4270, 0),
                new DumpedThread(14, "Signal Dispatcher", "RUNNABLE", false, Bucket.IDLE, null, -1, null, List.of(),
                        -1, -1),
                new DumpedThread(40, "vt-sleeper-0", "TIMED_WAITING", true, Bucket.IDLE, null, -1, null, List.of(
                        new StackFrame("java.lang.VirtualThread", "parkNanos", "VirtualThread.java", 784)), -1, -1),
                new DumpedThread(41, "", null, true, Bucket.CPU, null, -1, null, List.of(), -1, -1)),
                List.of("virtual threads: java.io.IOException: disk full"));
    }

    static final String GOLDEN = String.join("\n",
            "Process 4242: com.acme.Main",
            "Java 17.0.15, 5 threads (2 virtual)",
            "Note: virtual threads: java.io.IOException: disk full",
            "",
            "Thread #1 \"main\" TIMED_WAITING [idle] tid=4243 cpu=1.23s",
            "    java.lang.Thread.sleep(Native Method)",
            "    com.acme.Main.main(Main.java:12)",
            "",
            "Thread #23 \"lock-monitor-waiter-1\" BLOCKED [lock] tid=4270 cpu=0.00s",
            "    waiting for java.lang.Object@1b2c3d held by #21 \"lock-monitor-holder\"",
            "    com.acme.Locks.enter(Locks.java:67)",
            "    com.acme.Locks$$Lambda$14/0x0000000800c0b000.run(Unknown Source)",
            "    java.lang.Thread.run(Thread.java:833)",
            "",
            "Thread #14 \"Signal Dispatcher\" RUNNABLE [idle]",
            "",
            "Thread #40 \"vt-sleeper-0\" virtual TIMED_WAITING [idle]",
            "    java.lang.VirtualThread.parkNanos(VirtualThread.java:784)",
            "",
            "Thread #41 \"\" virtual UNKNOWN [cpu]",
            "");

    @Test
    void textIsGoldenInAnyLocale() throws Exception {
        for (Locale locale : List.of(Locale.ROOT, Locale.GERMANY)) {
            Locale.setDefault(locale);
            StringWriter out = new StringWriter();
            new DumpText(true).write(model(), out);
            assertEquals(GOLDEN, out.toString(), "locale " + locale);
        }
    }

    @Test
    void jsonCarriesTheSameData() throws Exception {
        Locale.setDefault(Locale.GERMANY);
        StringWriter out = new StringWriter();
        new DumpJson().write(model(), out);
        JsonNode root = new ObjectMapper().readTree(out.toString());
        assertEquals(4242, root.get("pid").asLong());
        assertEquals("com.acme.Main", root.get("mainClass").asText());
        assertEquals("17.0.15", root.get("javaVersion").asText());
        assertEquals("virtual threads: java.io.IOException: disk full", root.get("notes").get(0).asText());
        JsonNode threads = root.get("threads");
        assertEquals(5, threads.size());

        JsonNode blocked = threads.get(1);
        assertEquals(23, blocked.get("id").asLong());
        assertEquals(4270, blocked.get("osThreadId").asLong());
        assertEquals(0.0, blocked.get("cpuSeconds").asDouble());
        assertEquals(1.23456789, threads.get(0).get("cpuSeconds").asDouble(), 1e-12);
        assertEquals("lock-monitor-waiter-1", blocked.get("name").asText());
        assertEquals("BLOCKED", blocked.get("state").asText());
        assertFalse(blocked.get("virtual").asBoolean());
        assertEquals("lock", blocked.get("bucket").asText());
        assertEquals("java.lang.Object@1b2c3d", blocked.get("lock").get("name").asText());
        assertEquals(21, blocked.get("lock").get("ownerId").asLong());
        assertEquals("lock-monitor-holder", blocked.get("lock").get("ownerName").asText());
        JsonNode leaf = blocked.get("frames").get(0);
        assertEquals("com.acme.Locks", leaf.get("class").asText());
        assertEquals("enter", leaf.get("method").asText());
        assertEquals("Locks.java", leaf.get("file").asText());
        assertEquals(67, leaf.get("line").asInt());
        assertFalse(leaf.get("native").asBoolean());
        JsonNode lambda = blocked.get("frames").get(1);
        assertTrue(lambda.get("file").isNull());
        assertEquals(-1, lambda.get("line").asInt());

        JsonNode main = threads.get(0);
        assertTrue(main.get("lock").isNull());
        assertTrue(main.get("frames").get(0).get("native").asBoolean());
        assertEquals(-1, main.get("frames").get(0).get("line").asInt());

        JsonNode unnamed = threads.get(4);
        assertTrue(unnamed.get("virtual").asBoolean());
        assertTrue(unnamed.get("osThreadId").isNull() && unnamed.get("cpuSeconds").isNull(), unnamed.toString());
        assertTrue(unnamed.get("state").isNull());
    }

    /** What the agent writes (jspy.agent.ThreadDump), JDK 17 stacks. */
    static final String AGENT_TEXT = String.join("\n",
            "vm\t17.0.15\tcom.acme.Main --port 8080",
            "self\t9",
            "thread\t23\tBLOCKED\tlock-monitor-waiter-1\tjava.lang.Object@1b2c3d\t21\tlock-monitor-holder\t5000000",
            "frame\tcom.acme.Locks\tenter\tLocks.java\t67",
            "frame\tjava.lang.Thread\trun\tThread.java\t833",
            "thread\t21\tTIMED_WAITING\tlock-monitor-holder\t\t-1\t", // an agent before CPU times
            "frame\tjava.lang.Thread\tsleep\tThread.java\t-2",
            "frame\tcom.acme.Locks\thold\tLocks.java\t50",
            "thread\t30\tRUNNABLE\tsocket-reader\t\t-1\t",
            "frame\tsun.nio.ch.SocketDispatcher\tread0\tSocketDispatcher.java\t-2",
            "frame\tsun.nio.ch.SocketDispatcher\tread\tSocketDispatcher.java\t47",
            "frame\tsun.nio.ch.NioSocketImpl\ttryRead\tNioSocketImpl.java\t261",
            "frame\tcom.acme.Client\tread\tClient.java\t5",
            "thread\t31\tRUNNABLE\tcpu\\tworker\\\\1\t\t-1\t",
            "frame\tcom.acme.Spin\tspin\tSpin.java\t9",
            "thread\t32\tWAITING\tpool-1-thread-1\tjava.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject@5\t-1\t",
            "frame\tjdk.internal.misc.Unsafe\tpark\tUnsafe.java\t-2",
            "frame\tjava.util.concurrent.locks.LockSupport\tpark\tLockSupport.java\t341",
            "frame\tjava.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject\tawait\tAbstractQueuedSynchronizer.java\t1623",
            "frame\tjava.util.concurrent.LinkedBlockingQueue\ttake\tLinkedBlockingQueue.java\t435",
            "frame\tjava.util.concurrent.ThreadPoolExecutor\tgetTask\tThreadPoolExecutor.java\t1062",
            "thread\t33\tWAITING\tapp-parker\t\t-1\t",
            "frame\tcom.acme.Parker\twaitForever\tParker.java\t3",
            "thread\t9\tRUNNABLE\tAttach Listener\t\t-1\t",
            "frame\tjspy.agent.ThreadDump\twrite\tThreadDump.java\t40",
            "");

    /** Two header lines of JDK 17's Thread.print for AGENT_TEXT's threads 21 and 23. */
    static final String THREAD_PRINT = String.join("\n",
            "\"lock-monitor-holder\" #21 prio=5 os_prio=0 cpu=0.33ms elapsed=5.2s tid=0x00007f0b3c2ab800 nid=0x5c42"
                    + " waiting on condition  [0x00007f0b0e9fe000]",
            "\"lock-monitor-waiter-1\" #23 prio=5 os_prio=0 cpu=5.00ms elapsed=5.2s tid=0x00007f0b3c2ad000 nid=0x5c43"
                    + " waiting for monitor entry  [0x00007f0b0e8fe000]", "");

    @Test
    void agentRecordsBecomeThreadsWithBucketsAndTheWriterIsLeftOut() {
        Dump dump = DumpReader.read(77, AGENT_TEXT, null, THREAD_PRINT);
        assertEquals("com.acme.Main", dump.mainClass());
        assertEquals("17.0.15", dump.javaVersion());
        assertEquals(List.of(21L, 23L, 30L, 31L, 32L, 33L), dump.threads().stream().map(DumpedThread::id).toList());
        DumpedThread holder = dump.threads().get(0);
        assertEquals(Bucket.IDLE, holder.bucket());
        assertNull(holder.lock());
        assertEquals("java.lang.Thread.sleep(Native Method)", holder.frames().get(0).display());
        DumpedThread waiter = dump.threads().get(1);
        assertEquals(Bucket.LOCK, waiter.bucket(), "BLOCKED adds the monitor-enter leaf");
        assertEquals("lock-monitor-holder", waiter.lockOwnerName());
        assertEquals(21, waiter.lockOwnerId());
        assertEquals(0x5c43, waiter.osTid(), "nid=0x5c43 in Thread.print");
        assertEquals(5_000_000, waiter.cpuNanos());
        assertEquals(-1, holder.cpuNanos(), "no CPU field from an older agent");
        assertEquals(-1, dump.threads().get(2).osTid(), "thread 30 is not in Thread.print");
        assertEquals(List.of("no CPU times: this JVM runs the agent of an older jspy, which it loaded first"),
                dump.notes(), "thread 21's record has no CPU field");
        assertEquals("no OS thread ids: the JVM's Thread.print did not answer",
                DumpReader.read(77, AGENT_TEXT, null, null).notes().get(0));
        assertEquals(Bucket.SOCKET, dump.threads().get(2).bucket());
        assertEquals("cpu\tworker\\1", dump.threads().get(3).name());
        assertEquals(Bucket.CPU, dump.threads().get(3).bucket());
        assertEquals(Bucket.IDLE, dump.threads().get(4).bucket());
        assertEquals(Bucket.IDLE, dump.threads().get(5).bucket(), "WAITING with no named wait is a bare park");
    }

    @Test
    void sameStackIsCpuWhenRunnableAndLockWhenBlocked() {
        List<StackFrame> frames = List.of(new StackFrame("com.acme.Locks", "enter", "Locks.java", 67), RUN);
        assertEquals(Bucket.CPU, DumpBuckets.classify("t", 1, "RUNNABLE", frames));
        assertEquals(Bucket.LOCK, DumpBuckets.classify("t", 1, "BLOCKED", frames));
        assertEquals(Bucket.IDLE, DumpBuckets.classify("t", 1, "WAITING", frames));
        assertEquals(List.of("[t tid=1]", "java/lang/Thread.run", "com/acme/Locks.enter", "ObjectMonitor::enter"),
                DumpBuckets.ruleFrames("t", 1, "BLOCKED", frames));
        assertEquals(Bucket.IDLE, DumpBuckets.classify("Signal Dispatcher", 4, "RUNNABLE", List.of()),
                "a JVM service thread without Java frames waits");
    }

    /** Shapes of the JDK's JSON thread dump: 25 marks virtual threads, 21 does not. */
    @Test
    void virtualThreadsComeFromTheJdkJson() {
        String jdk25 = """
                {"threadDump": {"processId": "77", "threadContainers": [
                  {"container": "<root>", "threads": [
                    {"tid": "23", "name": "lock-monitor-waiter-1", "state": "BLOCKED", "stack": []},
                    {"tid": "9", "name": "Attach Listener", "state": "RUNNABLE", "stack": []},
                    {"tid": "50", "name": "late-platform", "state": "RUNNABLE", "stack": []},
                    {"tid": "40", "virtual": true, "name": "vt-sleeper-0", "state": "TIMED_WAITING", "stack": [
                      "java.base/java.lang.VirtualThread.parkNanos(VirtualThread.java:784)",
                      "app//com.acme.Main.lambda$main$0(Main.java:3)",
                      "java.base/java.lang.VirtualThread.run(VirtualThread.java:460)"]},
                    {"tid": "42", "virtual": true, "name": "vt-blocked", "state": "BLOCKED",
                     "blockedOn": "java.lang.Object@19e0b8ea", "stack": ["com.acme.Main.enter(Main.java:9)"]}]},
                  {"container": "java.util.concurrent.ThreadPerTaskExecutor@1", "threads": [
                    {"tid": "44", "virtual": true, "name": "", "state": "WAITING",
                     "parkBlocker": {"object": "java.util.concurrent.Semaphore$NonfairSync@1"},
                     "stack": ["java.base/jdk.internal.misc.Unsafe.park(Native Method)",
                               "java.base/java.util.concurrent.Semaphore.acquire(Semaphore.java:318)"]}]}]}}
                """;
        List<DumpedThread> v = DumpReader.virtualThreads(jdk25, Set.of(23L, 9L));
        assertEquals(List.of(40L, 42L, 44L), v.stream().map(DumpedThread::id).toList());
        assertTrue(v.stream().allMatch(DumpedThread::virtual));
        assertEquals(Bucket.IDLE, v.get(0).bucket());
        assertEquals("com.acme.Main.lambda$main$0(Main.java:3)", v.get(0).frames().get(1).display());
        assertEquals(Bucket.LOCK, v.get(1).bucket());
        assertEquals("java.lang.Object@19e0b8ea", v.get(1).lock());
        assertEquals(Bucket.LOCK, v.get(2).bucket());
        assertEquals("java.util.concurrent.Semaphore$NonfairSync@1", v.get(2).lock());

        String jdk21 = """
                {"threadDump": {"threadContainers": [{"container": "<root>", "threads": [
                  {"tid": "23", "name": "main", "stack": []},
                  {"tid": "40", "name": "vt-sleeper-0", "stack": ["java.base/java.lang.VirtualThread.parkNanos(VirtualThread.java:631)"]}]}]}}
                """;
        List<DumpedThread> old = DumpReader.virtualThreads(jdk21, Set.of(23L));
        assertEquals(1, old.size());
        assertEquals("vt-sleeper-0", old.get(0).name());
        assertNull(old.get(0).state());
        assertEquals(Bucket.IDLE, old.get(0).bucket());
    }

    @Test
    void stackTraceElementTextParses() {
        assertEquals(new StackFrame("java.lang.Thread", "sleepNanos0", null, StackFrame.NATIVE),
                StackFrame.parse("java.base/java.lang.Thread.sleepNanos0(Native Method)"));
        assertEquals(new StackFrame("com.acme.A$B", "m", "A.java", 7),
                StackFrame.parse("app//com.acme.A$B.m(A.java:7)"));
        assertEquals(new StackFrame("com.acme.A", "m", "A.java", 7),
                StackFrame.parse("loader/mod@1.0/com.acme.A.m(A.java:7)"));
        assertEquals(new StackFrame("com.acme.A$$Lambda/0x0000000800c0b000", "run", null, -1),
                StackFrame.parse("com.acme.A$$Lambda/0x0000000800c0b000.run(Unknown Source)"));
        assertEquals(new StackFrame("A", "<init>", "A.java", -1), StackFrame.parse("A.<init>(A.java)"));
    }

    @Test
    void controlCharactersInNamesAreShownNotSentToTheTerminal() throws Exception {
        String evil = "\u001b[2J\u001b[Hok\rfake\u0007";
        Dump dump = new Dump(7, "App" + evil, "17" + evil, List.of(new DumpedThread(3, "w" + evil, "BLOCKED", false,
                Bucket.LOCK, "lock" + evil, 4, "owner" + evil, List.of(new StackFrame("C" + evil, "m", "F.java", 1)), -1,
                -1)),
                List.of("note" + evil));
        StringWriter out = new StringWriter();
        new DumpText(true).write(dump, out);
        String text = out.toString();
        assertEquals(-1, text.chars().filter(c -> c != '\n' && (c < 0x20 || c == 0x7f)).findAny().orElse(-1), text);
        assertTrue(text.contains("Thread #3 \"w\\e[2J\\e[Hok\\rfake\\u0007\" BLOCKED [lock]\n"), text);
        assertTrue(text.contains("held by #4 \"owner\\e[2J"), text);
        assertEquals(7, text.split("\\\\e\\[2J", -1).length - 1, "every field escaped: " + text);
    }
}
