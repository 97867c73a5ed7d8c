package jspy.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Launch mode and signals sent to jspy alone: the recording is written, the signal is passed on
 * to the command, and a command that ignores it does not keep jspy waiting forever.
 */
class SignalForwardIT {
    @TempDir
    Path dir;

    @Test
    void sigtermToJspyAloneReachesTheCommand() throws Exception {
        JspyRun run = JspyRun.start(dir, "record", "-o", "launched.collapsed", "-f", "collapsed", "--",
                Jdks.java(17).toString(), "-cp", System.getProperty("jspy.testapps.classpath"),
                "-Djspy.ready=" + dir.resolve("ready"), "jspy.testapps.SocketApp");
        awaitFile(dir.resolve("ready"), run);
        Thread.sleep(2000);
        run.signal("TERM");
        int code = run.await(40);
        assertEquals(143, code, "the command died of the forwarded SIGTERM: " + run.stderr());
        assertTrue(Files.size(dir.resolve("launched.collapsed")) > 0, "the recording is written: " + run.stderr());
        assertTrue(Files.readString(dir.resolve("launched.collapsed")).contains("SocketApp"), "it holds the app");
    }

    @Test
    void aCommandThatIgnoresTheSignalIsLeftRunningAfterABoundedWait() throws Exception {
        Path pidFile = dir.resolve("sleeper.pid");
        JspyRun run = JspyRun.start(dir, "record", "-o", "ignored.collapsed", "-f", "collapsed", "--",
                "bash", "-c", "trap '' TERM; echo $$ > " + pidFile + "; while true; do sleep 0.2; done");
        awaitFile(pidFile, run);
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        try {
            Thread.sleep(1000);
            run.signal("TERM");
            int code = run.await(40);
            assertEquals(143, code, run.stderr());
            assertTrue(run.stderr().contains("still runs 10 s after SIGTERM"), run.stderr());
            assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "left running, not killed");
        } finally {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private static void awaitFile(Path file, JspyRun run) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (!Files.exists(file)) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError(file + " never appeared; jspy stderr: " + run.stderr());
            }
            Thread.sleep(50);
        }
    }
}
