package jspy.cli.top;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import jspy.cli.profile.TargetInfo;
import jspy.cli.top.TopKeys.Action;
import org.junit.jupiter.api.Test;

/** Moving, scrolling and opening callers, read back from the rendered lines as a user sees them. */
class TopViewTest {
    private static final int HEIGHT = 15; // 5 header lines, a blank, the heading, 7 rows, the status line
    private final TopRenderer renderer = new TopRenderer(new TargetInfo(1, "Main", "17"), 1, true);

    /** 30 functions f01..f30, f01 the busiest, each called from a.Main.run through a.Main.main. */
    private static TopStats thirtyFunctions() {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 30; i++) {
            text.append(String.format("cpu [w tid=1];a/Main.main;a/Main.run;a/F.f%02d %d%n", i, 100 - i));
        }
        TopStats stats = new TopStats(100, false);
        TopStatsTest.update(stats, TopStatsTest.snapshot(text.toString()), 1.0);
        return stats;
    }

    private List<String> screen(TopStats stats, int width) {
        // stripTrailing: the highlighted row is padded to the width, for its inverse bar
        return renderer.lines(stats, width, HEIGHT, false).stream().map(l -> l.toString().stripTrailing()).toList();
    }

    private String press(TopStats stats, Action... keys) {
        screen(stats, 120); // top draws before it reads a key
        for (Action key : keys) {
            TopKeys.apply(key, stats);
            screen(stats, 120); // as top does: every key redraws, and the drawing places the cursor
        }
        List<String> lines = screen(stats, 120);
        return lines.get(lines.size() - 1).strip();
    }

    @Test
    void arrowsPagesHomeAndEndMoveTheHighlightAndScroll() {
        TopStats stats = thirtyFunctions();
        List<String> first = screen(stats, 120);
        assertEquals(HEIGHT, first.size());
        assertEquals("Row 1/32 · a.F.f01 · Enter: its callers", first.get(HEIGHT - 1).strip(),
                "30 functions plus Main.run and Main.main, which have 0% own and sort last");
        assertEquals("Row 3/32 · a.F.f03 · Enter: its callers", press(stats, Action.DOWN, Action.DOWN));
        assertEquals("Row 2/32 · a.F.f02 · Enter: its callers", press(stats, Action.UP));
        assertTrue(press(stats, Action.END).startsWith("Row 32/32 · "));
        List<String> end = screen(stats, 120);
        assertTrue(end.get(7).endsWith("a.F.f26"), "the last page ends with the last row: " + end);
        assertTrue(press(stats, Action.HOME).startsWith("Row 1/32 · a.F.f01"));
        assertTrue(press(stats, Action.PAGE_DOWN).startsWith("Row 8/32 · a.F.f08"), "a page is the 7 rows on screen");
        assertTrue(screen(stats, 120).get(7).endsWith("a.F.f08"), "and the table scrolled by that page");
        assertTrue(press(stats, Action.PAGE_UP).startsWith("Row 1/32 · "));
        assertTrue(press(stats, Action.UP).startsWith("Row 1/32 · "), "no row above the first");
    }

    @Test
    void theHighlightFollowsItsFunctionWhenTheOrderChanges() {
        TopStats stats = thirtyFunctions();
        assertTrue(press(stats, Action.DOWN, Action.DOWN).contains("a.F.f03"));
        stats.sort(TopStats.Sort.TOTAL_TIME); // Main.run and Main.main move to the top
        String status = press(stats);
        assertTrue(status.startsWith("Row 5/32 · a.F.f03"), status);
    }

    @Test
    void enterShowsTheCallersOfTheHighlightedFunctionUntilEsc() {
        TopStats stats = new TopStats(100, false);
        TopStatsTest.update(stats, TopStatsTest.snapshot("""
                cpu [w tid=1];a/Main.main;a/Web.get;a/Db.query 60
                jdbc [w tid=1];a/Main.main;a/Batch.run;a/Db.query 30
                cpu [w tid=1];a/Main.main;a/Batch.run;a/Db.query;a/Db.query 10
                """), 1.0);
        assertTrue(press(stats).contains("a.Db.query"));
        press(stats, Action.ENTER);
        List<String> lines = screen(stats, 120);
        assertTrue(lines.get(4).contains("view: callers") && lines.get(4).startsWith("Sort: %Calls"), lines.get(4));
        assertEquals("Callers of a.Db.query · Esc: back", lines.get(5));
        assertEquals(" ▼%Calls        Time  Bucket  Called from (nearest caller first)", lines.get(6).stripTrailing());
        assertEquals("   60.0%       0.60s  cpu     a.Web.get ← a.Main.main", lines.get(7));
        assertEquals("   40.0%       0.40s  jdbc    a.Batch.run ← a.Main.main", lines.get(8),
                "a recursive call counts once, at its outermost frame");
        assertEquals(10, lines.stream().filter(l -> !l.isBlank()).count(), "two chains and the status: " + lines);
        assertTrue(press(stats, Action.DOWN).startsWith("Row 2/2 · caller chain 2 of a.Db.query"));
        assertTrue(TopKeys.apply(Action.BACK, stats));
        assertTrue(press(stats).startsWith("Row 1/4 · a.Db.query"), "back on the same row");
        assertFalse(TopKeys.apply(Action.BACK, stats), "nothing left to close");
    }

    @Test
    void threadNamesShowInFullOrKeepBothEnds() {
        TopStats stats = new TopStats(100, false);
        TopStatsTest.update(stats, TopStatsTest.snapshot("""
                cpu [ForkJoinPool-1-worker-with-a-rather-long-name-3 tid=1];a/W.spin 60
                lock [main tid=2];a/L.take 40
                """), 1.0);
        stats.toggleThreads();
        List<String> wide = screen(stats, 160);
        assertTrue(wide.get(7).matches(" +60\\.0% .* cpu +1 +ForkJoinPool-1-worker-with-a-rather-long-name-3 cpu 100%"),
                wide.get(7));
        List<String> narrow = screen(stats, 70);
        assertTrue(narrow.stream().anyMatch(l -> l.contains(" 1       ForkJoin…-name-3 cpu 100%")), "cut in the middle: " + narrow);
        assertEquals("Row 1/2 · tid 1: ForkJoinPool-1-worker-with-a-rather-long-name-3",
                narrow.get(HEIGHT - 1).strip(), "the full name of the highlighted thread");
        TopKeys.apply(Action.GROUP, stats);
        assertEquals("Row 1/2 · 1 thread: ForkJoinPool-*-worker-with-a-rather-long-name-*",
                screen(stats, 160).get(HEIGHT - 1).strip(), "a group of one says 'thread'");
    }

    @Test
    void theThreadTableMarksItsOwnSortColumn() {
        TopStats stats = TopRendererTest.stats();
        stats.toggleThreads();
        List<String> lines = screen(stats, 120);
        assertTrue(lines.get(4).startsWith("Sort: %Samples ·"), lines.get(4));
        assertTrue(lines.get(6).startsWith("▼%Samples        Time  Bucket  Tid     Thread "), lines.get(6));
        TopKeys.apply(Action.SORT_TOTAL_TIME, stats);
        lines = screen(stats, 120);
        assertTrue(lines.get(4).startsWith("Sort: Time ·"), lines.get(4));
        assertTrue(lines.get(6).startsWith(" %Samples       ▼Time  Bucket  Tid     Thread "), lines.get(6));
        assertFalse(String.join("\n", lines).contains("%Own"), "no function column named in the thread view");
        TopKeys.apply(Action.GROUP, stats);
        lines = screen(stats, 120);
        assertTrue(lines.get(4).contains("view: thread groups"), lines.get(4));
        assertTrue(lines.get(6).startsWith(" %Samples       ▼Time  Bucket  Threads Group "), lines.get(6));
    }

    @Test
    void controlCharactersInNamesAreShownNotSent() {
        TopStats stats = new TopStats(100, false);
        TopStatsTest.update(stats, TopStatsTest.snapshot("cpu [evil\u001b[31mred\u0007bell\tname tid=1];a/W.spin\u001b[2J 10"), 1.0);
        String functions = String.join("\n", screen(stats, 120));
        assertTrue(functions.contains("a/W.spin\\e[2J"), "no Java name, so no dots either: " + functions);
        stats.toggleThreads();
        String threads = String.join("\n", screen(stats, 120));
        assertTrue(threads.contains("evil\\e[31mred\\u0007bell\\tname"), threads);
        assertFalse(functions.contains("\u001b") || threads.contains("\u001b") || threads.contains("\t"), threads);
        assertEquals("x\\u0000y\\u007fz\\u009b", Cells.printable("x\0y\u007fz\u009b"), "the one Printable of every view");
    }
}
