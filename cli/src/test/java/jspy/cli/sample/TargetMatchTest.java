package jspy.cli.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import jspy.cli.profile.ThreadState;
import jspy.cli.profile.WaitTarget;
import org.junit.jupiter.api.Test;

/**
 * The join of one thread's samples and snapshots, on the shape async-profiler writes (a wait is
 * one event at its first sample, carrying its count, 10 ms apart): a client that asks A for 300 ms
 * and B for 100 ms in turn, as WaitTargetsApp's peer-alternating does.
 */
class TargetMatchTest {
    private static final long MS = 1_000_000L;
    private static final WaitTarget A = WaitTarget.peer("127.0.0.1:1001");
    private static final WaitTarget B = WaitTarget.peer("127.0.0.1:1002");

    /** 10 rounds of A (300 ms) then B (100 ms): one event per wait. */
    private static List<StackSample> alternating() {
        List<StackSample> out = new ArrayList<>();
        for (long t = 0; t < 4000; t += 400) {
            out.add(new StackSample(7, ThreadState.SLEEPING, t * MS, 30, List.of("x")));
            out.add(new StackSample(7, ThreadState.SLEEPING, (t + 300) * MS, 10, List.of("x")));
        }
        return out;
    }

    private static double shareOfA(List<StackSample> samples, List<WaitTarget> targets) {
        long a = 0;
        long all = 0;
        for (int i = 0; i < samples.size(); i++) {
            all += samples.get(i).weight();
            a += A.equals(targets.get(i)) ? samples.get(i).weight() : 0;
        }
        return (double) a / all;
    }

    private static List<WaitTarget> match(WatchedThread t, List<StackSample> samples) {
        return new TargetMatch(t.snapshots(), WaitTarget.Kind.PEER, 10 * MS).match(samples,
                Collections.nCopies(samples.size(), false), 0, 4000 * MS);
    }

    @Test
    void denseSnapshotsNameEachWaitExactly() {
        WatchedThread t = new WatchedThread(7);
        for (long ms = 50; ms < 4000; ms += 100) { // every 100 ms: each wait holds one
            t.add(ms * MS, ms % 400 < 300 ? A : B);
        }
        List<StackSample> samples = alternating();
        List<WaitTarget> targets = match(t, samples);
        for (int i = 0; i < samples.size(); i++) {
            assertEquals(samples.get(i).weight() == 30 ? A : B, targets.get(i), "wait " + i);
        }
    }

    @Test
    void sparseSnapshotsStillGiveTheShares() {
        WatchedThread t = new WatchedThread(7);
        // every 330 ms, so most 100 ms waits on B hold none: taking the nearest gave them A
        for (long ms = 20; ms < 4000; ms += 330) {
            t.add(ms * MS, ms % 400 < 300 ? A : B);
        }
        List<StackSample> samples = alternating();
        double a = shareOfA(samples, match(t, samples));
        assertTrue(a > 0.65 && a < 0.85, "A's share " + a + ", truth 0.75");
    }

    @Test
    void aLookBetweenTwoReadsDoesNotMakeAReadUnknown() {
        WatchedThread t = new WatchedThread(7);
        for (long ms = 20; ms < 4000; ms += 330) {
            t.add(ms * MS, ms % 400 < 300 ? A : B);
        }
        for (long ms = 0; ms < 4000; ms += 400) { // 2 ms before each read starts: no peer yet
            t.add((ms + 298) * MS, WaitTarget.UNKNOWN_PEER);
            t.add((ms + 398) * MS, WaitTarget.UNKNOWN_PEER);
        }
        List<StackSample> samples = alternating();
        List<WaitTarget> targets = match(t, samples);
        assertTrue(!targets.contains(WaitTarget.UNKNOWN_PEER), targets.toString());
        double a = shareOfA(samples, targets);
        assertTrue(a > 0.65 && a < 0.85, "A's share " + a + ", truth 0.75");
    }

    @Test
    void looksCountByTheGapTheyWereDrawnWith() {
        // one sample event every 10 ms (a thread of short waits, as JDK 25 shows them)
        List<StackSample> samples = new ArrayList<>();
        for (long ms = 0; ms < 4000; ms += 10) {
            samples.add(new StackSample(7, ThreadState.SLEEPING, ms * MS, 1, List.of("x")));
        }
        WatchedThread t = new WatchedThread(7);
        for (long cycle = 0; cycle < 4000; cycle += 400) {
            t.add((cycle + 150) * MS, A, 300); // A for 300 ms: one look, drawn at a 300 ms gap
            for (long ms = 310; ms < 400; ms += 30) {
                t.add((cycle + ms) * MS, B, 100 / 3.0); // B for 100 ms: three, at 33 ms gaps
            }
        }
        List<WaitTarget> targets = new TargetMatch(t.snapshots(), WaitTarget.Kind.PEER, 10 * MS).match(samples,
                Collections.nCopies(samples.size(), false), 0, 4000 * MS);
        double a = shareOfA(samples, targets); // counted alike, the looks gave A 25%
        assertTrue(a > 0.7 && a < 0.8, "A's share " + a + ", truth 0.75");
    }

    @Test
    void aThreadNeverSeenOnASocketIsUnknown() {
        WatchedThread t = new WatchedThread(7);
        for (long ms = 50; ms < 4000; ms += 100) {
            t.add(ms * MS, WaitTarget.UNKNOWN_PEER);
        }
        List<StackSample> samples = alternating();
        match(t, samples).forEach(target -> assertEquals(WaitTarget.UNKNOWN_PEER, target));
    }

    @Test
    void noSnapshotNearGivesNone() {
        WatchedThread t = new WatchedThread(7);
        t.add(20_000 * MS, A); // 16 s after the window
        match(t, alternating()).forEach(target -> assertEquals(null, target));
    }
}
