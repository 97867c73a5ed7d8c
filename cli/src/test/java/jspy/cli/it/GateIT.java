package jspy.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --fail-if: outputs are written first, then a distinct exit code and one line say why. */
class GateIT {
    @TempDir
    Path dir;

    @Test
    void budgetsGateTheRunAfterWritingTheOutputs() throws Exception {
        try (TargetApp app = TargetApp.start(17, "CpuApp", dir)) {
            String pid = Long.toString(app.pid());
            JspyRun over = JspyRun.run(dir, 60, "record", "-p", pid, "-d", "2", "-o", "over.svg", "--fail-if", "lock>5%",
                    "--fail-if", "cpu>50%");
            assertEquals(9, over.exitCode(), over.stderr());
            assertTrue(Files.size(dir.resolve("over.svg")) > 1000, "the SVG is written before the gate fails");
            assertTrue(over.stderr().lines().anyMatch(l -> l.matches("jspy: budget exceeded: cpu \\d+\\.\\d% > 50% .*")),
                    over.stderr());

            JspyRun method = JspyRun.run(dir, 60, "record", "-p", pid, "-d", "2", "-o", "m.svg", "--fail-if",
                    "cpu:jspy.testapps.CpuApp.spin>50%");
            assertEquals(9, method.exitCode(), method.stderr());
            assertTrue(method.stderr().contains("cpu:jspy.testapps.CpuApp.spin"), method.stderr());

            JspyRun within = JspyRun.run(dir, 60, "record", "-p", pid, "-d", "2", "-o", "ok.svg", "--fail-if",
                    "lock>5%", "--fail-if", "jdbc>1%");
            assertEquals(0, within.exitCode(), within.stderr());
        }
        JspyRun bad = JspyRun.run(dir, 30, "record", "-p", "1", "--fail-if", "jdbc=30");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.stderr().startsWith("jspy: ") && bad.stderr().contains("BUCKET>N%"), bad.stderr());
    }
}
