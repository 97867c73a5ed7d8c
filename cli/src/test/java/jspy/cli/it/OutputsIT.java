package jspy.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Outputs that do what they say, as a user meets them: the real CLI against a real JVM. */
class OutputsIT {
    @TempDir
    Path dir;

    @Test
    void aBarePidAnExtensionAndStandardOutput() throws Exception {
        try (TargetApp app = TargetApp.start(17, "CpuApp", dir)) {
            String pid = Long.toString(app.pid());
            // jspy record 1234 -o x.collapsed: the PID alone, the format from the extension
            JspyRun byExt = JspyRun.run(dir, 60, "record", "-d", "2", "-o", "x.collapsed", pid);
            assertEquals(0, byExt.exitCode(), byExt.stderr());
            String collapsed = Files.readString(dir.resolve("x.collapsed"));
            assertTrue(collapsed.startsWith("[") && !collapsed.contains("<svg"), "collapsed, not SVG: " + collapsed);
            assertEquals(1, byExt.stderr().lines().filter(l -> l.startsWith("Wrote ")).count(), byExt.stderr());

            // -o - writes to stdout, so it pipes
            JspyRun stdout = JspyRun.run(dir, 60, "record", "-p", pid, "-d", "2", "-f", "collapsed", "-o", "-");
            assertEquals(0, stdout.exitCode(), stdout.stderr());
            assertTrue(stdout.stdout().contains("jspy/testapps/CpuApp"), stdout.stdout());
            assertFalse(Files.exists(dir.resolve("-")), "no file named -");
            assertTrue(stdout.stderr().contains("collapsed stacks to standard output"), stdout.stderr());

            // -f wins over the extension, as py-spy's 'record --format speedscope -o profile.json': no warning,
            // speedscope files are JSON
            JspyRun speedscope = JspyRun.run(dir, 60, "record", "-p", pid, "-d", "2", "-f", "speedscope", "-o", "y.json");
            assertEquals(0, speedscope.exitCode(), speedscope.stderr());
            assertTrue(speedscope.stderr().contains("Wrote speedscope profile to 'y.json'.")
                    && !speedscope.stderr().contains("will be written as"), speedscope.stderr());
            assertTrue(Files.readString(dir.resolve("y.json")).contains("\"$schema\":\"https://www.speedscope.app/"));
            // an extension that names another format: still -f, with a one-line warning before recording
            JspyRun contradiction = JspyRun.run(dir, 60, "record", "-p", pid, "-d", "2", "-f", "collapsed", "-o", "w.svg");
            assertEquals(0, contradiction.exitCode(), contradiction.stderr());
            assertTrue(contradiction.stderr().startsWith("jspy: warning: 'w.svg' will be written as collapsed (-f wins "
                    + "over the extension, which names svg)\n"), contradiction.stderr());
            assertTrue(Files.readString(dir.resolve("w.svg")).contains("jspy/testapps/CpuApp"), "collapsed stacks");

            // a budget on a method that never ran warns: a typo cannot silently pass the gate
            JspyRun typo = JspyRun.run(dir, 60, "record", "-p", pid, "-d", "2", "-o", "t.json",
                    "--fail-if", "cpu:com.acme.Nope.nothing>5%");
            assertEquals(0, typo.exitCode(), typo.stderr());
            assertTrue(typo.stderr().contains("warning: --fail-if 'cpu:com.acme.Nope.nothing>5%': no sample has"),
                    typo.stderr());

            JspyRun dump = JspyRun.run(dir, 60, "dump", pid);
            assertEquals(0, dump.exitCode(), dump.stderr());
            assertTrue(dump.stdout().contains("cpu-worker"), dump.stdout());
        }
    }

    @Test
    void aCommandThatStartsNoJvmSaysSo() throws Exception {
        JspyRun run = JspyRun.run(dir, 60, "record", "-o", "none.svg", "--", "sh", "-c", "sleep 1.5");
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("No thread was sampled: the command started no JVM"), run.stderr());
    }
}
