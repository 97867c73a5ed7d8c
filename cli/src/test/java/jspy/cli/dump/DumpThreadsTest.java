package jspy.cli.dump;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jspy.cli.profile.Bucket;
import org.junit.jupiter.api.Test;

/**
 * OS thread ids from real {@code jcmd Thread.print} output (LockApp on JDK 17 and 25), and the
 * text dump's groups of identical virtual threads.
 */
class DumpThreadsTest {
    @Test
    void jdk17ThreadPrintGivesHexNids() throws IOException {
        Map<Long, Long> tids = OsThreadIds.parse(resource("thread-print-jdk17.txt"));
        assertEquals(0x5c30L, tids.get(1L), "\"main\" #1 ... nid=0x5c30");
        assertEquals(0x5c45L, tids.get(2L), "\"Reference Handler\" #2 ... nid=0x5c45");
        // every Java thread of the dump, and no JVM-internal one (they have no #id)
        assertEquals(count(resource("thread-print-jdk17.txt")), tids.size());
    }

    @Test
    void jdk25ThreadPrintGivesDecimalNids() throws IOException {
        Map<Long, Long> tids = OsThreadIds.parse(resource("thread-print-jdk25.txt"));
        assertEquals(23708L, tids.get(3L), "\"main\" #3 [23708] ... nid=23708");
        assertEquals(23735L, tids.get(12L));
        assertEquals(count(resource("thread-print-jdk25.txt")), tids.size());
    }

    @Test
    void aThreadNamedLikeAHeaderMakesItsIdUnknownNotWrong() {
        String forged = "\"x\\\" #7 prio=5 os_prio=0 tid=0x1 nid=0x99 \" #8 prio=5 os_prio=0 cpu=1.00ms elapsed=1.00s"
                + " tid=0x00007f0b3c2ad000 nid=0x5c43 runnable\n"
                + "\"real\" #7 prio=5 os_prio=0 cpu=1.00ms elapsed=1.00s tid=0x00007f0b3c2ae000 nid=0x5c44 runnable\n";
        Map<Long, Long> tids = OsThreadIds.parse(forged);
        assertFalse(tids.containsKey(7L), "#7 claimed twice: " + tids);
        assertEquals(0x5c43L, tids.get(8L));
    }

    private static long count(String threadPrint) {
        return threadPrint.lines().filter(l -> l.startsWith("\"") && l.matches("\"[^\"]*\" #\\d+ .*")).count();
    }

    private static DumpedThread virtual(long id, String name, String lock, List<StackFrame> frames) {
        return new DumpedThread(id, name, "WAITING", true, Bucket.AWAIT, lock, -1, null, frames, -1, -1);
    }

    @Test
    void identicalVirtualThreadsAreShownOnceWithTheirCount() throws IOException {
        List<StackFrame> park = List.of(new StackFrame("java.lang.VirtualThread", "park", "VirtualThread.java", 738),
                new StackFrame("java.util.concurrent.CompletableFuture", "get", "CompletableFuture.java", 2094),
                new StackFrame("com.acme.Handler", "handle", "Handler.java", 12));
        List<DumpedThread> threads = new ArrayList<>();
        threads.add(new DumpedThread(1, "main", "TIMED_WAITING", false, Bucket.IDLE, null, -1, null, List.of(), 99, 0));
        for (int i = 0; i < 500; i++) {
            threads.add(virtual(100 + i, "req-" + i, "java.util.concurrent.CompletableFuture$Signaller@" + i, park));
        }
        threads.add(virtual(700, "odd-one", null, park.subList(1, 3)));
        threads.add(virtual(701, "odd-two", null, park.subList(1, 3)));
        Dump dump = new Dump(5, "com.acme.Main", "25.0.3", threads, List.of());

        String text = write(dump, true);
        assertTrue(text.contains("\n500 virtual threads WAITING [await]: #100 \"req-0\", #101 \"req-1\","
                + " #102 \"req-2\", ...\n    waiting for java.util.concurrent.CompletableFuture$Signaller (each its own)\n"
                + "    java.lang.VirtualThread.park(VirtualThread.java:738)\n"), text);
        assertTrue(text.contains("\n2 virtual threads WAITING [await]: #700 \"odd-one\", #701 \"odd-two\"\n"
                + "    java.util.concurrent.CompletableFuture.get(CompletableFuture.java:2094)\n"), text);
        assertTrue(text.indexOf("\n500 virtual") < text.indexOf("\n2 virtual"), "largest group first: " + text);
        assertTrue(text.contains("\nThread #1 \"main\" TIMED_WAITING [idle] tid=99 cpu=0.00s\n"), text);
        assertEquals(2, text.split("CompletableFuture.get", -1).length - 1, "each of the two stacks once: " + text);
        assertTrue(text.contains("--no-group shows each"), text);

        String all = write(dump, false);
        assertTrue(all.contains("\nThread #599 \"req-499\" virtual WAITING [await]\n"
                + "    waiting for java.util.concurrent.CompletableFuture$Signaller@499\n"), all);
        assertEquals(502, all.split("CompletableFuture.get", -1).length - 1);
        assertFalse(all.contains("--no-group"), all);
    }

    @Test
    void platformThreadsAreNeverGrouped() throws IOException {
        List<StackFrame> sleep = List.of(new StackFrame("java.lang.Thread", "sleep", "Thread.java", StackFrame.NATIVE));
        Dump dump = new Dump(5, "com.acme.Main", "17.0.15", List.of(
                new DumpedThread(1, "a", "TIMED_WAITING", false, Bucket.IDLE, null, -1, null, sleep, 11, 0),
                new DumpedThread(2, "b", "TIMED_WAITING", false, Bucket.IDLE, null, -1, null, sleep, 12, 0)), List.of());
        String text = write(dump, true);
        assertTrue(text.contains("Thread #1 \"a\" TIMED_WAITING [idle] tid=11") && text.contains("tid=12"), text);
        assertFalse(text.contains("virtual"), text);
    }

    private static String write(Dump dump, boolean group) throws IOException {
        StringWriter out = new StringWriter();
        new DumpText(group).write(dump, out);
        return out.toString();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = DumpThreadsTest.class.getResourceAsStream("/dump/" + name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
