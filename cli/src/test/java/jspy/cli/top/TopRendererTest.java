package jspy.cli.top;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import jspy.cli.profile.TargetInfo;
import org.jline.utils.AttributedString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Lines fit the screen, carry no escape codes as plain text, and read the same in every locale. */
class TopRendererTest {
    private final Locale saved = Locale.getDefault();

    @AfterEach
    void restoreLocale() {
        Locale.setDefault(saved);
    }

    static TopStats stats() {
        TopStats stats = new TopStats(100, false);
        TopStatsTest.update(stats, TopStatsTest.snapshot("""
                cpu [cpu-worker tid=7];jspy/testapps/CpuApp.spin 95
                lock [waiter tid=8];com/acme/VeryLongPackageName/AndAnother/Deeper/StillDeeper/Service.waitForTheLock 5
                idle [sleeper tid=9];java/lang/Thread.sleep 100
                """), 2.0 / 3); // 3 threads x 100 Hz x 2/3 s: 200 samples, sampling kept up
        return stats;
    }

    @ParameterizedTest
    @ValueSource(strings = {"en-US", "de-DE"})
    void plainTextSnapshot(String locale) {
        Locale.setDefault(Locale.forLanguageTag(locale));
        TopRenderer renderer = new TopRenderer(new TargetInfo(1234, "jspy.testapps.CpuApp", "17.0.15"), 1, false);
        List<String> lines = renderer.lines(stats(), 80, 12, false).stream().map(AttributedString::toString).toList();
        assertEquals("jspy top · pid 1234 · jspy.testapps.CpuApp · JDK 17.0.15 · 100 Hz · every 1.0 s", lines.get(0));
        assertEquals("Samples: 200 · errors: 0 · window: 200 in 0.7 s, 100 Hz per thread", lines.get(1));
        assertEquals("Threads: 3 · active: 2", lines.get(2));
        // ten buckets do not fit 80 columns: the line goes on under the first bucket, whole (it lost await and jvm)
        assertEquals("Buckets: cpu 95.0% socket 0.0% poll 0.0% jdbc 0.0% pool 0.0% lock 5.0% io 0.0%", lines.get(3));
        assertEquals("         await 0.0% jvm 0.0%", lines.get(4));
        assertEquals("Sort: %Own · filter: all · idle: hidden · under 0.1%: 0 hidden · view: functions", lines.get(5));
        assertEquals("  ▼%Own   %Total   OwnTime  TotalTime  Bucket  Function", lines.get(7).stripTrailing(),
                "the sorted column is marked");
        assertEquals("  95.0%    95.0%     0.95s      0.95s  cpu     jspy.testapps.CpuApp.spin", lines.get(8));
        assertEquals("   5.0%     5.0%     0.05s      0.05s  lock    …illDeeper.Service.waitForTheLock", lines.get(9),
                "long names keep their end");
        for (String line : lines) {
            assertTrue(line.length() <= 80, line);
            assertFalse(line.contains("\u001b"), line);
        }
    }

    @Test
    void aNarrowHeaderKeepsTheWarningVirtualThreadsAndHiddenRowsWhole() {
        TopStats stats = new TopStats(100, false);
        stats.update(TopStatsTest.snapshot("""
                cpu [cpu-worker tid=7];jspy/testapps/CpuApp.spin 5000
                jvm [C1 CompilerThread0 tid=8];Compilation::compile 1
                idle [virtual tid=40 virtual];java/lang/VirtualThread.park 100
                idle [virtual tid=41 virtual];java/lang/VirtualThread.park 100
                """), 100, new TopStats.Sampled(5001, 200)); // 2 platform threads for 100 s: 25 Hz each
        TopRenderer renderer = new TopRenderer(new TargetInfo(1234, "jspy.testapps.VirtualServiceApp", "25"), 1, true);
        List<String> lines = renderer.lines(stats, 80, 24, false).stream().map(l -> l.toString().stripTrailing()).toList();
        assertEquals("jspy top · pid 1234 · jspy.testapps.VirtualServiceApp · JDK 25 · 100 Hz", lines.get(0));
        assertEquals("every 1.0 s", lines.get(1), "the title's end on a line of its own, not cut");
        assertEquals("Samples: 5201 · errors: 0 · window: 5201 in 100.0 s, 25 Hz per platform thread", lines.get(2),
                "the rate leaves the virtual threads out, and says so");
        assertEquals("WARNING: sampling fell behind the 100 Hz asked", lines.get(3), "whole, on a line of its own");
        assertEquals("Threads: 4 (2 virtual) · active: 2", lines.get(4));
        assertEquals("Sort: %Own · filter: all · idle: hidden · under 0.1%: 1 hidden · view: functions", lines.get(7));
        assertEquals("press ? for keys, q to quit", lines.get(8));
        for (String line : lines) {
            assertTrue(line.length() <= 80, line);
        }
        TopKeys.apply(TopKeys.Action.SMALL, stats);
        String shown = String.join("\n", renderer.lines(stats, 80, 24, false).stream().map(Object::toString).toList());
        assertTrue(shown.contains("under 0.1%: shown") && shown.contains("Compilation::compile"), shown);
    }

    @Test
    void numbersReadAsStringFormatPrintsThem() {
        java.util.Random random = new java.util.Random(23);
        for (int i = 0; i < 200_000; i++) {
            double v = i < 100_000 ? i / 1000.0 : random.nextDouble() * Math.pow(10, random.nextInt(7));
            for (int decimals = 0; decimals <= 2; decimals++) {
                assertEquals(String.format(Locale.ROOT, "%8." + decimals + "f", v), Cells.fixed(v, decimals, 8), "" + v);
            }
        }
        assertEquals(" 0.15", Cells.fixed(0.145, 2, 5), "half up, as format: 0.145 is 0.14499... in binary");
        assertEquals("-1.5", Cells.fixed(-1.5, 1, 0));
    }

    @Test
    void linesFitTheHeight() {
        TopRenderer renderer = new TopRenderer(new TargetInfo(1, "", ""), 1, true);
        TopStats stats = stats();
        assertEquals(8, renderer.lines(stats, 120, 8, false).size());
        stats.toggleThreads();
        List<AttributedString> threads = renderer.lines(stats, 120, 40, false);
        assertTrue(threads.get(7).toString().contains("cpu-worker"), threads.toString());
        assertTrue(threads.get(4).toString().contains("press ? for keys"), "a terminal points to the keys");
        assertTrue(renderer.lines(stats, 120, 40, true).stream().anyMatch(l -> l.toString().contains("q  quit")));
    }
}
