package jspy.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * jspy dump against real targets on JDK 17 and 25: text and JSON agree on each scenario thread's
 * state and bucket, the target prints nothing, and no thread of ours is left behind.
 */
class DumpIT {
    @TempDir
    Path dir;

    static Stream<Arguments> jdks() {
        return Jdks.required().stream().map(Arguments::of);
    }

    private JsonNode json(TargetApp app) throws Exception {
        JspyRun jspy = JspyRun.run(dir, 60, "dump", "-p", Long.toString(app.pid()), "--json");
        assertEquals(0, jspy.exitCode(), jspy.stderr());
        assertEquals("", jspy.stderr());
        return new ObjectMapper().readTree(jspy.stdout());
    }

    private String text(TargetApp app, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("dump", "-p", Long.toString(app.pid())));
        args.addAll(List.of(options));
        JspyRun jspy = JspyRun.run(dir, 60, args.toArray(String[]::new));
        assertEquals(0, jspy.exitCode(), jspy.stderr());
        assertEquals("", jspy.stderr());
        return jspy.stdout();
    }

    private static JsonNode thread(JsonNode dump, String name) {
        for (JsonNode t : dump.get("threads")) {
            if (t.get("name").asText().equals(name)) {
                return t;
            }
        }
        throw new AssertionError("no thread " + name + " in " + dump);
    }

    private static List<String> frames(JsonNode thread) {
        List<String> out = new ArrayList<>();
        thread.get("frames").forEach(f -> out.add(f.get("class").asText() + "." + f.get("method").asText()));
        return out;
    }

    private static TreeSet<String> names(JsonNode dump) {
        TreeSet<String> out = new TreeSet<>();
        dump.get("threads").forEach(t -> out.add(t.get("name").asText()));
        return out;
    }

    /** Nothing of jspy in the dump: not the agent's frames on the Attach Listener, not a thread. */
    private static void assertNoTraceOfJspy(JsonNode dump) {
        for (JsonNode t : dump.get("threads")) {
            assertFalse(t.get("name").asText().startsWith("jspy"), t.toString());
            for (String f : frames(t)) {
                assertFalse(f.startsWith("jspy.agent.") || f.startsWith("one.profiler."), t.toString());
            }
        }
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void lockWaitersAreBlockedOnTheHolder(int jdk) throws Exception {
        try (TargetApp app = TargetApp.start(jdk, "LockApp", dir)) {
            // A waiter gets the lock now and then and runs for an instant: a dump is a snapshot,
            // so take another when one caught a waiter out of its wait.
            JsonNode dump = json(app);
            for (int attempt = 0; attempt < 5 && !allWaiting(dump); attempt++) {
                dump = json(app);
            }
            assertEquals(app.pid(), dump.get("pid").asLong());
            assertEquals("jspy.testapps.LockApp", dump.get("mainClass").asText());
            assertTrue(dump.get("javaVersion").asText().startsWith(Integer.toString(jdk)), dump.get("javaVersion").asText());
            for (String name : List.of("lock-monitor-waiter-1", "lock-monitor-waiter-2")) {
                JsonNode waiter = thread(dump, name);
                assertEquals("BLOCKED", waiter.get("state").asText(), waiter.toString());
                assertEquals("lock", waiter.get("bucket").asText(), waiter.toString());
                assertFalse(waiter.get("virtual").asBoolean());
                assertEquals("lock-monitor-holder", waiter.get("lock").get("ownerName").asText(), waiter.toString());
                assertEquals(thread(dump, "lock-monitor-holder").get("id").asLong(), waiter.get("lock").get("ownerId").asLong());
                JsonNode leaf = waiter.get("frames").get(0);
                assertEquals("jspy.testapps.LockApp", leaf.get("class").asText());
                assertEquals("enterMonitor", leaf.get("method").asText());
                assertEquals("LockApp.java", leaf.get("file").asText());
                assertTrue(leaf.get("line").asInt() > 0, leaf.toString());
            }
            JsonNode reentrant = thread(dump, "lock-reentrant-waiter-1");
            assertEquals("WAITING", reentrant.get("state").asText());
            assertEquals("lock", reentrant.get("bucket").asText(), reentrant.toString());
            assertEquals("idle", thread(dump, "main").get("bucket").asText());
            assertNoTraceOfJspy(dump);

            String text = text(app);
            assertTrue(text.startsWith("Process " + app.pid() + ": jspy.testapps.LockApp\nJava " + jdk), text);
            assertTrue(text.matches("(?s).*\nThread #\\d+ \"lock-monitor-waiter-1\" BLOCKED \\[lock\\]"
                    + " tid=\\d+ cpu=\\d+\\.\\d\\ds\n"
                    + "    waiting for java\\.lang\\.Object@[0-9a-f]+ held by #\\d+ \"lock-monitor-holder\"\n"
                    + "    jspy\\.testapps\\.LockApp\\.enterMonitor\\(LockApp\\.java:\\d+\\)\n.*"), text);

            // The attaches left no Java thread behind: a third dump sees the same threads.
            assertEquals(names(dump), names(json(app)));
            assertEquals("", app.printed(), "the target printed something");
        }
    }

    private static boolean allWaiting(JsonNode dump) {
        return thread(dump, "lock-monitor-waiter-1").get("state").asText().equals("BLOCKED")
                && thread(dump, "lock-monitor-waiter-2").get("state").asText().equals("BLOCKED")
                && thread(dump, "lock-reentrant-waiter-1").get("state").asText().equals("WAITING");
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void socketReaderIsInASocketRead(int jdk) throws Exception {
        try (TargetApp app = TargetApp.start(jdk, "SocketApp", dir)) {
            JsonNode dump = json(app);
            JsonNode reader = thread(dump, "socket-reader");
            assertEquals("RUNNABLE", reader.get("state").asText());
            assertEquals("socket", reader.get("bucket").asText(), reader.toString());
            assertEquals("sun.nio.ch.SocketDispatcher.read0", frames(reader).get(0));
            assertTrue(reader.get("frames").get(0).get("native").asBoolean());
            assertEquals("idle", thread(dump, "socket-acceptor").get("bucket").asText(), "blocked in accept: waiting for work");
            // the peer: SocketApp's server on loopback, read from the kernel
            assertTrue(reader.get("peer").asText().matches("127\\.0\\.0\\.1:\\d+"), reader.toString());
            assertTrue(thread(dump, "socket-acceptor").get("peer").isNull(), "only socket and jdbc waits name a peer");
            String text = text(app);
            assertTrue(text.matches("(?s).*\nThread #\\d+ \"socket-reader\" RUNNABLE \\[socket\\]"
                    + " tid=\\d+ cpu=\\d+\\.\\d\\ds\n"
                    + "    waiting on peer 127\\.0\\.0\\.1:\\d+\n"
                    + "    sun\\.nio\\.ch\\.SocketDispatcher\\.read0\\(Native Method\\)\n.*"), text);
            assertEquals("", app.printed(), "the target printed something");
        }
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void cpuWorkerIsCpu(int jdk) throws Exception {
        try (TargetApp app = TargetApp.start(jdk, "CpuApp", dir)) {
            JsonNode worker = thread(json(app), "cpu-worker");
            assertEquals("RUNNABLE", worker.get("state").asText());
            assertEquals("cpu", worker.get("bucket").asText(), worker.toString());
            assertTrue(frames(worker).contains("jspy.testapps.CpuApp.spin"), worker.toString());
            assertTrue(text(app).matches("(?s).*\nThread #\\d+ \"cpu-worker\" RUNNABLE \\[cpu\\]"
                    + " tid=\\d+ cpu=\\d+\\.\\d\\ds\n"
                    + "    jspy\\.testapps\\.CpuApp\\.spin\\(CpuApp\\.java:\\d+\\)\n.*"));
            String maps = Files.readString(Path.of("/proc", Long.toString(app.pid()), "maps"));
            // JDK 17 does not warn about dynamic agents: a dump loads no profiler library there.
            assertEquals(jdk >= 21, maps.contains("libasyncProfiler.so"), "libasyncProfiler.so loaded on JDK " + jdk);
            assertOsThreadIdAndCpuTime(app, worker); // records: loads the library, so after the check above
            assertEquals("", app.printed(), "the target printed something");
        }
    }

    /**
     * The dump's osThreadId is the kernel's thread (its comm is the name's first 15 bytes, its CPU
     * time in /proc agrees) and the tid that {@code record -t} writes; cpuSeconds grows as it spins.
     */
    private void assertOsThreadIdAndCpuTime(TargetApp app, JsonNode worker) throws Exception {
        long tid = worker.get("osThreadId").asLong();
        double cpu = worker.get("cpuSeconds").asDouble();
        Path task = Path.of("/proc", Long.toString(app.pid()), "task", Long.toString(tid));
        assertEquals("cpu-worker", Files.readString(task.resolve("comm")).trim(), worker.toString());
        String[] stat = Files.readString(task.resolve("stat")).substring(Files.readString(task.resolve("stat"))
                .lastIndexOf(')') + 2).split(" ");
        double procCpu = (Long.parseLong(stat[11]) + Long.parseLong(stat[12])) / 100.0; // utime, stime in ticks
        assertTrue(cpu > 0.05 && cpu <= procCpu + 0.05, "cpuSeconds " + cpu + ", /proc then " + procCpu);
        JspyRun rec = JspyRun.run(dir, 60, "record", "-p", Long.toString(app.pid()), "-d", "1", "-t",
                "-f", "collapsed", "-o", "t.collapsed");
        assertEquals(0, rec.exitCode(), rec.stderr());
        assertTrue(Files.readString(dir.resolve("t.collapsed")).contains("[cpu-worker tid=" + tid + "];"),
                "record -t names the same tid " + tid);
        double later = thread(json(app), "cpu-worker").get("cpuSeconds").asDouble();
        assertTrue(later > cpu + 0.5, "the spinning thread's CPU time grows: " + cpu + " s, then " + later + " s");
        for (JsonNode t : json(app).get("threads")) {
            assertTrue(t.get("osThreadId").asLong() > 0, "every platform thread has its tid: " + t);
        }
    }

    @Test
    void virtualThreadsAreIncludedOnJdk25() throws Exception {
        try (TargetApp app = TargetApp.start(25, "VirtualThreadApp", dir)) {
            JsonNode dump = json(app);
            for (int i = 0; i < 10; i++) {
                JsonNode vt = thread(dump, "vt-sleeper-" + i);
                assertTrue(vt.get("virtual").asBoolean(), vt.toString());
                assertEquals("TIMED_WAITING", vt.get("state").asText(), vt.toString());
                assertEquals("idle", vt.get("bucket").asText(), vt.toString());
                assertTrue(frames(vt).contains("java.lang.Thread.sleep"), vt.toString());
                assertTrue(frames(vt).contains("jspy.testapps.VirtualThreadApp.sleep"), vt.toString());
            }
            long virtual = 0;
            for (JsonNode t : dump.get("threads")) {
                virtual += t.get("virtual").asBoolean() ? 1 : 0;
            }
            assertEquals(10, virtual, "only the sleepers are virtual");
            assertFalse(thread(dump, "main").get("virtual").asBoolean());
            assertNoTraceOfJspy(dump);
            for (int i = 0; i < 10; i++) {
                JsonNode vt = thread(dump, "vt-sleeper-" + i);
                assertTrue(vt.get("osThreadId").isNull() && vt.get("cpuSeconds").isNull(), vt.toString());
            }
            String text = text(app);
            assertTrue(text.contains("threads (10 virtual)\n"), text);
            // the ten sleepers share one stack: shown once, with their count
            assertTrue(text.matches("(?s).*\n10 virtual threads TIMED_WAITING \\[idle\\]: #\\d+ \"vt-sleeper-0\", "
                    + "#\\d+ \"vt-sleeper-1\", #\\d+ \"vt-sleeper-2\", \\.\\.\\.\n    java\\.lang\\.VirtualThread\\.parkNanos.*"),
                    text);
            assertEquals(1, text.split("VirtualThreadApp\\.sleep\\(", -1).length - 1, text);
            String all = text(app, "--no-group");
            assertTrue(all.matches("(?s).*\nThread #\\d+ \"vt-sleeper-3\" virtual TIMED_WAITING \\[idle\\]\n.*"), all);
            assertEquals(10, all.split("VirtualThreadApp\\.sleep\\(", -1).length - 1, all);
            assertEquals("", app.printed(), "the target printed something");
        }
    }

    @Test
    void aProcessThatIsNoJvmIsRefusedAndSurvives() throws Exception {
        Process sleep = new ProcessBuilder("sleep", "60").start();
        try {
            JspyRun jspy = JspyRun.run(dir, 30, "dump", "-p", Long.toString(sleep.pid()));
            assertEquals(4, jspy.exitCode(), jspy.stderr());
            assertTrue(jspy.stderr().matches("jspy: process \\d+ \\(sleep\\) is not a HotSpot JVM \\(hint: .*\\)\n"),
                    jspy.stderr());
            assertEquals("", jspy.stdout());
            assertTrue(sleep.isAlive(), "jspy must never signal a process that is not a JVM");

            JspyRun noPid = JspyRun.run(dir, 30, "dump");
            assertEquals(2, noPid.exitCode());
            assertTrue(noPid.stderr().startsWith("jspy: no target given (hint: pass -p PID"), noPid.stderr());
        } finally {
            sleep.destroyForcibly();
        }
    }
}
