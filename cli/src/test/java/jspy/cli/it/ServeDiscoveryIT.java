package jspy.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve --all} picks up a JVM started after it, drops it when it exits, and counts (and logs
 * once) a JVM that refuses attach without stopping. --include keeps the scan to this test's JVMs:
 * other builds on the machine run JVMs too, and sampling them would disturb their tests.
 */
class ServeDiscoveryIT {
    @TempDir
    Path dir;

    @Test
    void allPicksUpNewJvmsAndDropsExitedOnes() throws Exception {
        String marker = "-Djspy.serve.it=" + UUID.randomUUID();
        try (ServeProcess serve = ServeProcess.start(dir, "--all", "--include", marker.substring(2))) {
            Thread.sleep(1000);
            long pid;
            try (TargetApp app = TargetApp.start(17, "CpuApp", dir, marker)) {
                pid = app.pid();
                serve.await("pick-up of JVM " + pid, () -> serve.stderrHas("sampling JVM " + pid), 60);
                serve.await("jspy_up 1", () -> metricsHave("pid=\"" + pid + "\"} 1", serve, true), 30);
            }
            serve.await("drop of JVM " + pid, () -> metricsHave("pid=\"" + pid + "\"", serve, false), 60);
            assertTrue(serve.stderrHas("stopped sampling JVM " + pid + " (CpuApp): the JVM exited"), serve.run.stderr());

            try (TargetApp refusing = TargetApp.start(17, "CpuApp", dir, marker, "-XX:+DisableAttachMechanism")) {
                serve.await("attach error", () -> metricsHave("jspy_attach_errors_total 1", serve, true), 60);
                Thread.sleep(2 * 3000 + 1000); // two more scans: still one error, logged once
                assertTrue(metricsHave("jspy_attach_errors_total 1", serve, true), "refusal counted again");
                String log = serve.run.stderr();
                assertEquals(1, log.split("cannot sample JVM " + refusing.pid(), -1).length - 1, log);
            }
            assertTrue(serve.run.process.isAlive(), "a refusing JVM must not stop serve");
            assertEquals(0, serve.terminate(), serve.run.stderr());
        }
    }

    /**
     * Other jspy processes are JVMs too, and their command lines match --include here: a record
     * run as java -jar (known by its jar's Main-Class) and a serve run as java -cp ... jspy.cli.Main.
     * serve --all must sample the test's target and neither of them, nor count them as refusals.
     */
    @Test
    void allNeverSamplesJspyItself() throws Exception {
        String marker = "-Djspy.serve.it=" + UUID.randomUUID();
        try (TargetApp target = TargetApp.start(17, "CpuApp", dir, marker);
             TargetApp recorded = TargetApp.start(17, "CpuApp", dir);
             TargetApp served = TargetApp.start(17, "CpuApp", dir);
             ServeProcess serve = ServeProcess.start(dir, "--all", "--include", marker.substring(2))) {
            JspyRun record = JspyRun.start(List.of(marker), dir, "record", "-p", Long.toString(recorded.pid()),
                    "-d", "120", "-f", "collapsed", "-o", "r.collapsed");
            Process otherServe = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    marker, "-cp", System.getProperty("jspy.jar"), "jspy.cli.Main", "serve", "-p",
                    Long.toString(served.pid()), "--listen", "127.0.0.1:" + ServeProcess.freePort())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("other-serve.log").toFile()).start();
            try {
                serve.await("pick-up of the target", () -> serve.stderrHas("sampling JVM " + target.pid()), 60);
                Thread.sleep(3 * 3000 + 1000); // three more scans, with both jspy JVMs up all along
                assertTrue(record.process.isAlive() && otherServe.isAlive(), "a jspy JVM ended early");
                String log = serve.run.stderr();
                for (long pid : new long[] {record.process.pid(), otherServe.pid()}) {
                    assertFalse(log.contains("JVM " + pid), "serve --all touched jspy JVM " + pid + ":\n" + log);
                }
                assertTrue(metricsHave("jspy_attach_errors_total 0", serve, true), log);
                assertEquals(0, serve.terminate(), serve.run.stderr());
            } finally {
                record.process.destroyForcibly();
                otherServe.destroyForcibly();
            }
        }
    }

    /**
     * --include sees the command line as its arguments joined with single spaces: a pattern
     * anchored at its end (the main class) matches. Joining /proc's NUL-terminated arguments
     * left a trailing space, and 'Main$' never matched.
     */
    @Test
    void includeMatchesTheEndOfTheCommandLine() throws Exception {
        String marker = "-Djspy.serve.it=" + UUID.randomUUID();
        try (ServeProcess serve = ServeProcess.start(dir, "--all", "--include",
                Pattern.quote(marker) + " .*\\.CpuApp$");
             TargetApp app = TargetApp.start(17, "CpuApp", dir, marker)) {
            serve.await("pick-up of JVM " + app.pid() + " by 'CpuApp$'", () -> serve.stderrHas("sampling JVM "
                    + app.pid()), 60);
            assertEquals(0, serve.terminate(), serve.run.stderr());
        }
    }

    /** A JVM given with -p that exits stays listed as down, and the log says how to follow restarts. */
    @Test
    void aPidThatExitsStaysDownAndTheLogSaysHowToFollowRestarts() throws Exception {
        long pid;
        try (TargetApp app = TargetApp.start(25, "CpuApp", dir);
             ServeProcess serve = ServeProcess.start(dir, "-p", Long.toString(app.pid()))) {
            pid = app.pid();
            serve.await("sampling", () -> serve.stderrHas("sampling JVM " + pid), 60);
            app.close();
            serve.await("the exit", () -> serve.stderrHas("stopped sampling JVM " + pid + " (CpuApp): the JVM exited "
                    + "(hint: a restart gets a new PID; --all --include REGEX follows restarts)"), 30);
            serve.await("jspy_up 0", () -> metricsHave("jspy_up{app=\"CpuApp\",pid=\"" + pid + "\"} 0", serve, true), 30);
            assertEquals(0, serve.terminate(), serve.run.stderr());
        }
    }

    private static boolean metricsHave(String text, ServeProcess serve, boolean present) {
        try {
            return serve.get("/metrics").body().contains(text) == present;
        } catch (Exception e) {
            return false;
        }
    }
}
