package jspy.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM that already runs the user's own async-profiler session (-agentpath ...=start): jspy says
 * another profiler is active and leaves that session alone, which then writes its own output
 * when the JVM exits. jspy's agent used to call stop() on it, and its file was never written.
 */
class ForeignProfilerIT {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "JDK {0}")
    @ValueSource(ints = {17, 25})
    void theUsersOwnSessionIsLeftRunning(int jdk) throws Exception {
        Path lib = Path.of(System.getProperty("jspy.jar")).getParent().resolve("classes/jspy/embedded/linux-x64/"
                + "libasyncProfiler.so");
        assertTrue(Files.exists(lib), "async-profiler's library from the build: " + lib);
        Path users = dir.resolve("users-own.collapsed");
        try (TargetApp app = TargetApp.start(jdk, "CpuApp", dir, "-agentpath:" + lib
                + "=start,event=cpu,interval=10ms,collapsed,file=" + users + ",log=" + dir.resolve("users.log"))) {
            JspyRun jspy = JspyRun.run(dir, 60, "record", "-p", Long.toString(app.pid()), "-d", "2", "-o", "x.svg");
            assertEquals(7, jspy.exitCode(), jspy.stderr());
            assertTrue(jspy.stderr().contains("another profiler session is active"), jspy.stderr());
            assertTrue(jspy.stderr().contains("jspy never stops a profiler session it did not start"), jspy.stderr());
            app.process().destroy(); // SIGTERM: a normal shutdown, when async-profiler writes file=
            assertTrue(app.process().waitFor(30, TimeUnit.SECONDS), "the target exits");
            assertTrue(Files.exists(users) && Files.readString(users).contains("CpuApp"),
                    "the user's own session ran to the end and wrote its output");
        }
    }
}
