package jspy.cli.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import jspy.cli.profile.Bucket;
import jspy.cli.profile.Profile;
import jspy.cli.profile.Sample;
import jspy.cli.profile.TargetInfo;
import jspy.cli.sample.Accumulator;
import org.junit.jupiter.api.Test;

/** The start line's width, the live line's content and width, and the redraw limit on a stepped clock. */
class ProgressTest {
    @Test
    void aStartLineThatFitsIsLeftAlone() {
        assertEquals("Sampling pid 4242 · com.acme.Main · JDK 17.0.15 at 100 Hz for 4.0 s. Press Control-C to stop.",
                Progress.startLine(new TargetInfo(4242, "com.acme.Main", "17.0.15"), 100, 4.0));
    }

    @Test
    void aLongMainClassLosesPackagesUntilTheStartLineFits() {
        String line = Progress.startLine(new TargetInfo(42, "org.springframework.boot.loader.launch.JarLauncher",
                "17.0.15"), 100, 5.0);
        assertEquals("Sampling pid 42 · …launch.JarLauncher · JDK 17.0.15 at 100 Hz for 5.0 s. Press Control-C to stop.",
                line);
        assertTrue(line.length() <= Progress.START_COLUMNS, line.length() + " columns");
    }

    @Test
    void aStartLineThatCannotFitKeepsTheWholeName() {
        String main = "com.acme.AVeryLongMainClassNameWithoutPackagesToDropThatGoesOnAndOnPastTheEndOfTheLine";
        assertEquals("Sampling pid 42 · " + main + " · JDK 17.0.15 at 16.2 Hz. Press Control-C to stop.",
                Progress.startLine(new TargetInfo(42, main, "17.0.15"), 16.2, null));
    }

    @Test
    void theLiveLineCountsShownSamplesLargestBucketFirstAndFitsEightyColumns() {
        List<Sample> samples = List.of(new Sample(List.of("a"), Bucket.IDLE, 5000), new Sample(List.of("b"), Bucket.CPU, 412),
                new Sample(List.of("c"), Bucket.SOCKET, 201), new Sample(List.of("d"), Bucket.POLL, 198),
                new Sample(List.of("e"), Bucket.LOCK, 189), new Sample(List.of("f"), Bucket.JVM, 3));
        String line = Progress.liveLine(12.34, new Profile(null, samples, 0, 97.06, false, false));
        assertEquals("  12.3 s · 1,003 samples at 97.1 Hz · cpu 41.1% · socket 20.0% · poll 19.7%", line);
        assertTrue(line.length() <= Progress.LIVE_COLUMNS, line.length() + " columns");
        String idle = Progress.liveLine(1, new Profile(null, samples, 0, 97.06, true, false));
        assertTrue(idle.contains("6,003 samples") && idle.contains("idle 83.3%"), "--idle counts idle: " + idle);
    }

    @Test
    void redrawnAtMostTwiceASecondHoweverOftenWindowsArrive() {
        StringWriter out = new StringWriter();
        long[] now = {-7_000_000_000L}; // nanoTime may be negative: the first window still draws
        Progress p = new Progress(new PrintWriter(out), true, false, () -> now[0]);
        Accumulator acc = new Accumulator(null, false);
        for (int i = 0; i < 40; i++) { // 4 s of windows every 100 ms
            p.update(-7_000_000_000L, acc);
            now[0] += 100_000_000L;
        }
        assertEquals(8, out.toString().chars().filter(c -> c == '\r').count(), out.toString());
        p.clear();
        assertTrue(out.toString().endsWith("\r\u001b[K"), "cleared at the end");
    }

    @Test
    void nothingIsDrawnWhenStderrIsNoTerminal() {
        StringWriter out = new StringWriter();
        Progress p = new Progress(new PrintWriter(out), false, false, System::nanoTime);
        p.update(System.nanoTime(), new Accumulator(null, false));
        p.clear();
        assertEquals("", out.toString());
    }
}
