package jspy.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jspy diff} as users run it, on jspy collapsed files of a "main" and a "PR" build. */
class DiffIT {
    @TempDir
    Path dir;

    // BASE: parse 20%, render 50%, db 30% of 1,000 (+ 900 idle, left out). NEW (different tids, 2,000
    // samples): parse 40%, render 40%, db 20%.
    private static final String BASE = String.join("\n",
            "[cpu];[http-1 tid=11];java/lang/Thread.run;com/acme/Handler.handle;com/acme/Parser.parse 200",
            "[cpu];[http-1 tid=11];java/lang/Thread.run;com/acme/Handler.handle;com/acme/Renderer.render 500",
            "[jdbc];[http-1 tid=11];java/lang/Thread.run;com/acme/Handler.handle;org/h2/jdbc/JdbcStatement.executeQuery 300",
            "[idle];[pool-1 tid=12];java/lang/Thread.run;jdk/internal/misc/Unsafe.park 900", "");
    private static final String NEW = String.join("\n",
            "[cpu];[http-1 tid=31];java/lang/Thread.run;com/acme/Handler.handle;com/acme/Parser.parse 800",
            "[cpu];[http-1 tid=31];java/lang/Thread.run;com/acme/Handler.handle;com/acme/Renderer.render 800",
            "[jdbc];[http-1 tid=31];java/lang/Thread.run;com/acme/Handler.handle;org/h2/jdbc/JdbcStatement.executeQuery 400",
            "");

    @Test
    void coloursGrowthRedShrinkageBlueAndListsRegressions() throws Exception {
        Files.writeString(dir.resolve("main.collapsed"), BASE);
        Files.writeString(dir.resolve("pr.collapsed"), NEW);
        JspyRun diff = JspyRun.run(dir, 60, "diff", "main.collapsed", "pr.collapsed", "-o", "diff.svg");
        assertEquals(0, diff.exitCode(), diff.stderr());
        assertEquals(List.of("Frames whose self share grew most (percentage points of all samples):",
                "+20.0 pp com/acme/Parser.parse"), diff.stdout().lines().toList());
        assertTrue(diff.stderr().contains("Samples: base 1000, new 2000."), diff.stderr());

        Recorded.assertWellFormedXml(dir.resolve("diff.svg"));
        Map<String, SvgFrames.Frame> frames = SvgFrames.frames(Files.readString(dir.resolve("diff.svg"))).stream()
                .collect(Collectors.toMap(SvgFrames.Frame::name, f -> f, (a, b) -> a));
        assertEquals(2000, frames.get("all").samples(), "widths are NEW's");
        SvgFrames.Frame parse = frames.get("com/acme/Parser.parse");
        assertNotNull(parse.look(), "every frame has a diff colour");
        assertEquals("#ff0000", parse.look().get(0).asText(), "largest growth, deepest red");
        assertEquals("base 200 samples 20.00%, new 800 samples 40.00%, +20.00 pp", parse.look().get(1).asText());
        // Both lost 10 pp, half the largest change: 220 * (1 - 10 / 20) = 110 = 0x6e.
        assertEquals("#6e6eff", frames.get("org/h2/jdbc/JdbcStatement.executeQuery").look().get(0).asText());
        assertEquals("#6e6eff", frames.get("com/acme/Renderer.render").look().get(0).asText());
        assertEquals("#dcdcdc", frames.get("[http-1]").look().get(0).asText(), "tids dropped, 100% in both");
    }

    @Test
    void sameProfileTwiceHasNoRegressions() throws Exception {
        Files.writeString(dir.resolve("a.collapsed"), BASE);
        JspyRun diff = JspyRun.run(dir, 60, "diff", "a.collapsed", "a.collapsed", "-o", "same.svg");
        assertEquals(0, diff.exitCode(), diff.stderr());
        assertEquals("No frame's self share grew.\n", diff.stdout());
    }

    @Test
    void badInputIsOneLineAndADistinctExitCode() throws Exception {
        Files.writeString(dir.resolve("a.collapsed"), BASE);
        JspyRun missing = JspyRun.run(dir, 60, "diff", "a.collapsed", "gone.collapsed", "-o", "d.svg");
        assertEquals(10, missing.exitCode());
        assertEquals("jspy: no such file: gone.collapsed (hint: pass a folded-stack file)\n", missing.stderr());
        assertEquals("", missing.stdout());

        Files.writeString(dir.resolve("idle.collapsed"), "[idle];[pool tid=1];jdk/internal/misc/Unsafe.park 5\n");
        JspyRun idle = JspyRun.run(dir, 60, "diff", "a.collapsed", "idle.collapsed", "-o", "d.svg");
        assertEquals(10, idle.exitCode());
        assertEquals("jspy: no non-idle samples in idle.collapsed (hint: pass --idle to compare idle stacks)\n",
                idle.stderr());

        JspyRun usage = JspyRun.run(dir, 60, "diff", "a.collapsed");
        assertEquals(2, usage.exitCode());
        assertEquals(1, usage.stderr().lines().count(), usage.stderr());
    }
}
