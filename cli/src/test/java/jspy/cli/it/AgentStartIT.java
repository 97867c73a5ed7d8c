package jspy.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM that exits while jspy waits for its agent to start: jspy says so at once instead of
 * waiting out its 10 s start timeout. The target's class path holds a stand-in
 * jspy.agent.JspyAgent (a JVM keeps the class it has, whatever jar the agent comes in) that halts
 * the JVM shortly after the agent is loaded.
 */
class AgentStartIT {
    @TempDir
    Path dir;

    @Test
    void aJvmThatDiesWhileTheAgentStartsIsReportedAtOnce() throws Exception {
        Path src = dir.resolve("src/jspy/agent");
        Files.createDirectories(src);
        Files.writeString(src.resolve("JspyAgent.java"), """
                package jspy.agent;
                public final class JspyAgent {
                    public static void agentmain(String args, java.lang.instrument.Instrumentation inst) {
                        Thread t = new Thread(() -> {
                            try { Thread.sleep(300); } catch (InterruptedException e) { }
                            Runtime.getRuntime().halt(3);
                        });
                        t.setDaemon(true);
                        t.start();
                    }
                }
                """);
        Path classes = dir.resolve("classes");
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, "--release", "8", "-d",
                classes.toString(), src.resolve("JspyAgent.java").toString()), "stand-in agent compiles");
        try (TargetApp app = TargetApp.startWithClasspathPrefix(17, "CpuApp", dir, classes + File.pathSeparator)) {
            long started = System.nanoTime();
            JspyRun run = JspyRun.run(dir, 60, "record", "-p", Long.toString(app.pid()), "-d", "5", "-o", "x.svg");
            double seconds = (System.nanoTime() - started) / 1e9;
            assertEquals(7, run.exitCode(), run.stderr());
            assertTrue(run.stderr().contains("exited while the agent was starting"), run.stderr());
            assertTrue(seconds < 8, "reported at once, not after the 10 s start timeout: " + seconds + " s");
        }
    }
}
