package jspy.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jspy record} on a terminal (a tmux pane 100 columns wide, as issue 13 asks): the start
 * line fits one row, and one live line below it (elapsed time, samples, bucket mix) is redrawn in
 * place at most twice a second, counted in the raw bytes the pane received (tmux pipe-pane). With
 * stderr sent to a file the same run writes no redraw at all.
 */
class ProgressIT {
    private static final Pattern LIVE = Pattern.compile("^ *(\\d+\\.\\d) s · ([\\d,]+) samples at [\\d.]+ Hz · cpu "
            + "\\d+\\.\\d%( · [a-z]+ \\d+\\.\\d%)*$");
    private static final Pattern REDRAW = Pattern.compile("\r *\\d+\\.\\d s · ");

    @TempDir
    Path dir;

    @Test
    void aLiveLineIsRedrawnInPlaceOnATerminal() throws Exception {
        try (TargetApp app = TargetApp.start(17, "CpuApp", dir); Tmux pane = Tmux.shell(dir, record(app, ""), 100, 20)) {
            long started = System.nanoTime();
            pane.go();
            List<String> screens = new ArrayList<>();
            while (!pane.exited(started)) {
                screens.add(pane.screen());
                Thread.sleep(300);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            assertEquals("EXIT=0", pane.exitLine(), pane.screen());
            // with a 5-digit PID the line is 101 columns in full: the main class gives up its first package
            Pattern start = Pattern.compile("Sampling pid " + app.pid() + " · (jspy\\.|…)testapps\\.CpuApp · JDK 17\\..* "
                    + "Press Control-C to stop\\.");
            List<String> elapsed = new ArrayList<>();
            for (String screen : screens) {
                String[] rows = screen.split("\n");
                List<String> live = rows.length < 2 ? List.of()
                        : List.of(rows).stream().filter(r -> LIVE.matcher(r.strip()).matches()).toList();
                if (!live.isEmpty()) {
                    assertEquals(1, live.size(), "one live line, not a scroll of them:\n" + screen);
                    assertTrue(start.matcher(rows[0]).matches(),
                            "the start line fills one row of 100 columns:\n" + screen);
                    assertTrue(LIVE.matcher(rows[1].strip()).matches(), "the live line is the row below it:\n" + screen);
                    elapsed.add(live.get(0).strip().split(" ")[0]);
                }
            }
            assertTrue(elapsed.stream().distinct().count() >= 2, "the live line is redrawn as time passes: " + elapsed);
            String last = pane.screen();
            assertTrue(last.contains("Wrote flame graph to ") && last.lines().noneMatch(r -> LIVE.matcher(r.strip())
                    .matches()), "the live line is cleared before the summary:\n" + last);

            String raw = Files.readString(pane.log, StandardCharsets.UTF_8);
            String startLine = raw.substring(raw.indexOf("Sampling pid"), raw.indexOf("\r\n", raw.indexOf("Sampling pid")));
            assertTrue(startLine.codePointCount(0, startLine.length()) <= 100, "start line of "
                    + startLine.codePointCount(0, startLine.length()) + " columns: " + startLine);
            long redraws = REDRAW.matcher(raw).results().count();
            System.err.println("ProgressIT: " + redraws + " redraws; jspy ran " + String.format("%.1f", seconds) + " s");
            // redraws happen only while recording, -d 4 s: twice a second allows 9 (one per 1 s window is usual)
            assertTrue(redraws >= 2 && redraws <= 2 * 4 + 1, redraws + " redraws in a 4 s recording");
        }
    }

    @Test
    void noRedrawWhenStderrIsAFile() throws Exception {
        Path err = dir.resolve("record.err");
        try (TargetApp app = TargetApp.start(25, "CpuApp", dir);
             Tmux pane = Tmux.shell(dir, record(app, " 2> '" + err + "'"), 100, 20)) {
            pane.go();
            long started = System.nanoTime();
            while (!pane.exited(started)) {
                Thread.sleep(200);
            }
            assertEquals("EXIT=0", pane.exitLine(), Files.readString(err));
            String written = Files.readString(err, StandardCharsets.UTF_8);
            assertTrue(written.startsWith("Sampling pid " + app.pid()) && written.contains("Wrote flame graph to "),
                    written);
            assertFalse(written.contains("\r") || written.contains("\u001b"), "no redraw in a file: " + written);
            assertEquals(2, written.lines().count(), "the start line and the summary: " + written);
        }
    }

    private String record(TargetApp app, String redirect) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return "'" + java + "' -jar '" + System.getProperty("jspy.jar") + "' record -p " + app.pid() + " -d 4 -o '"
                + dir.resolve("p.svg") + "'" + redirect;
    }
}
