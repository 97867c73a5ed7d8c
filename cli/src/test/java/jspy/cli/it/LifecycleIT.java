package jspy.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Whatever ends a recording, the output is written; whatever happens to jspy, the target is safe. */
class LifecycleIT {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "SIG{0}")
    @ValueSource(strings = {"INT", "TERM"})
    void signalWritesTheOutput(String signal) throws Exception {
        try (TargetApp app = TargetApp.start(17, "CpuApp", dir)) {
            JspyRun jspy = JspyRun.start(dir, "record", "-p", Long.toString(app.pid()), "-o", "sig.svg");
            awaitLine(jspy, "Sampling");
            Thread.sleep(1500);
            jspy.signal(signal);
            assertEquals(0, jspy.await(20), jspy.stderr());
            assertTrue(jspy.stderr().contains("Wrote flame graph to 'sig.svg'. Samples: "), jspy.stderr());
            assertTrue(samples(jspy) > 50, jspy.stderr());
            Recorded.assertWellFormedXml(dir.resolve("sig.svg"));
            assertTrue(app.process().isAlive(), "the target must survive");
            assertEquals("", app.printed());
        }
    }

    @Test
    void targetExitWritesTheOutput() throws Exception {
        try (TargetApp app = TargetApp.start(25, "CpuApp", dir)) {
            JspyRun jspy = JspyRun.start(dir, "record", "-p", Long.toString(app.pid()), "-o", "exit.svg", "-f",
                    "svg,collapsed", "--threads");
            awaitLine(jspy, "Sampling");
            Thread.sleep(1500);
            // SIGTERM runs the target's exit hooks, as a normal shutdown does
            app.process().destroy();
            assertEquals(0, jspy.await(20), jspy.stderr());
            assertTrue(jspy.stderr().contains("exited"), jspy.stderr());
            assertTrue(samples(jspy) > 50, jspy.stderr());
            assertTrue(new Recorded(dir.resolve("exit.collapsed")).share("cpu-worker", "cpu") > 0.9);
        }
    }

    @Test
    void killedJspyStopsTheAgentAndASecondRecordingWorks() throws Exception {
        try (TargetApp app = TargetApp.start(17, "CpuApp", dir)) {
            JspyRun first = JspyRun.start(dir, "record", "-p", Long.toString(app.pid()), "-o", "first.svg");
            awaitLine(first, "Sampling");
            assertTrue(agentThreadPresent(app), "the agent thread runs while recording");
            first.signal("KILL");
            first.process.waitFor(10, TimeUnit.SECONDS);
            long killed = System.nanoTime();
            while (agentThreadPresent(app)) {
                assertTrue(System.nanoTime() - killed < 5_000_000_000L, "agent still sampling 5 s after jspy died");
                Thread.sleep(200);
            }
            double stoppedAfter = (System.nanoTime() - killed) / 1e9;
            System.out.printf("agent stopped %.1f s after kill -9%n", stoppedAfter);

            JspyRun second = JspyRun.run(dir, 60, "record", "-p", Long.toString(app.pid()), "-d", "2", "-o",
                    "second.svg");
            assertEquals(0, second.exitCode(), second.stderr());
            assertTrue(samples(second) > 50, second.stderr());
            assertEquals("", app.printed());
        }
    }

    @Test
    void aJvmInItsOwnPidAndMountNamespaceIsProfiled() throws Exception {
        // What a container looks like from the host: the JVM is PID 1 in its namespace.
        try (TargetApp app = TargetApp.start(List.of("unshare", "--pid", "--fork", "--mount-proc"), 25, "CpuApp", dir)) {
            String status = Files.readString(Path.of("/proc", Long.toString(app.pid()), "status"));
            assertTrue(status.lines().anyMatch(l -> l.matches("NSpid:\\s+\\d+\\s+1")), "not namespaced: " + status);
            JspyRun jspy = JspyRun.run(dir, 60, "record", "-p", Long.toString(app.pid()), "-d", "2", "-o", "ns.collapsed",
                    "-f", "collapsed", "--threads");
            assertEquals(0, jspy.exitCode(), jspy.stderr());
            assertTrue(new Recorded(dir.resolve("ns.collapsed")).share("cpu-worker", "cpu") > 0.9);
            assertEquals("", app.printed());
        }
    }

    @Test
    void aProcessThatIsNotAJvmIsNeverSignalled() throws Exception {
        Process sleep = new ProcessBuilder("sleep", "600").start();
        try {
            JspyRun jspy = JspyRun.run(dir, 30, "record", "-p", Long.toString(sleep.pid()), "-d", "1");
            assertEquals(4, jspy.exitCode());
            assertOneLine(jspy, "is not a HotSpot JVM");
            Thread.sleep(300);
            assertTrue(sleep.isAlive(), "jspy must not signal a process that is not a JVM");
        } finally {
            sleep.destroyForcibly();
        }
    }

    @Test
    void aSecondConcurrentSessionIsRefusedInOneLine() throws Exception {
        try (TargetApp app = TargetApp.start(17, "CpuApp", dir)) {
            JspyRun first = JspyRun.start(dir, "record", "-p", Long.toString(app.pid()), "-o", "first.svg");
            awaitLine(first, "Sampling");
            JspyRun second = JspyRun.run(dir, 60, "record", "-p", Long.toString(app.pid()), "-d", "1", "-o", "second.svg");
            assertEquals(7, second.exitCode());
            assertOneLine(second, "another jspy session is already profiling this JVM");
            first.signal("INT");
            assertEquals(0, first.await(20), first.stderr());
            assertTrue(samples(first) > 0, first.stderr());
            assertEquals("", app.printed());
        }
    }

    @Test
    void jvmsThatRefuseAttachAreToldApartAndNeverDisturbed() throws Exception {
        try (TargetApp noAttach = TargetApp.start(17, "CpuApp", dir, "-XX:+DisableAttachMechanism");
             TargetApp noAgents = TargetApp.start(25, "SocketApp", dir, "-XX:-EnableDynamicAgentLoading")) {
            JspyRun refused = JspyRun.run(dir, 30, "record", "-p", Long.toString(noAttach.pid()), "-d", "1");
            assertEquals(6, refused.exitCode());
            assertOneLine(refused, "-XX:+DisableAttachMechanism");
            JspyRun noDynamic = JspyRun.run(dir, 30, "record", "-p", Long.toString(noAgents.pid()), "-d", "1");
            assertEquals(6, noDynamic.exitCode());
            assertOneLine(noDynamic, "EnableDynamicAgentLoading");
            Thread.sleep(300);
            // jattach's SIGQUIT would have made the first print a thread dump
            assertEquals("", noAttach.printed());
            assertEquals("", noAgents.printed());
        }
    }

    @Test
    void badInputGetsOneLineAndADistinctExitCode() throws Exception {
        JspyRun noProcess = JspyRun.run(dir, 30, "record", "-p", "999999999", "-d", "1");
        assertEquals(3, noProcess.exitCode());
        assertOneLine(noProcess, "no process with PID 999999999");

        JspyRun usage = JspyRun.run(dir, 30, "record", "-p", "notanumber");
        assertEquals(2, usage.exitCode());
        assertOneLine(usage, "notanumber");

        JspyRun noTarget = JspyRun.run(dir, 30, "record", "-d", "1");
        assertEquals(2, noTarget.exitCode());
        assertOneLine(noTarget, "no target given");

        JspyRun badFormat = JspyRun.run(dir, 30, "record", "-p", "1", "-f", "png");
        assertEquals(2, badFormat.exitCode());
        assertOneLine(badFormat, "unknown format 'png'");

        JspyRun badDir = JspyRun.run(dir, 30, "record", "-p", "1", "-o", "/nonexistent/dir/p.svg");
        assertEquals(8, badDir.exitCode());
        assertOneLine(badDir, "does not exist");
    }

    private static void assertOneLine(JspyRun run, String expected) throws Exception {
        String err = run.stderr();
        assertEquals(1, err.lines().count(), "exactly one line expected: " + err);
        assertTrue(err.startsWith("jspy: ") && err.contains(expected) && err.contains("hint"), err);
        assertFalse(err.contains("\tat ") || err.contains("Exception"), "no stack trace: " + err);
    }

    private static long samples(JspyRun jspy) throws Exception {
        String err = jspy.stderr();
        int at = err.indexOf("Samples: ");
        assertTrue(at >= 0, err);
        int end = at + 9;
        while (end < err.length() && Character.isDigit(err.charAt(end))) {
            end++;
        }
        return Long.parseLong(err.substring(at + 9, end));
    }

    static void awaitLine(JspyRun jspy, String prefix) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (jspy.stderr().lines().noneMatch(l -> l.startsWith(prefix))) {
            assertTrue(jspy.process.isAlive(), "jspy exited early: " + jspy.stderr());
            assertTrue(System.currentTimeMillis() < deadline, "no '" + prefix + "' line: " + jspy.stderr());
            Thread.sleep(50);
        }
    }

    /** Our agent names its thread jspy-agent; jcmd shows Java threads without touching the profiler. */
    static boolean agentThreadPresent(TargetApp app) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(app.pid()), "Thread.print")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(10, TimeUnit.SECONDS);
        assertTrue(out.contains("\"main\""), "jcmd failed: " + out);
        return out.contains("\"jspy-agent\"");
    }
}
