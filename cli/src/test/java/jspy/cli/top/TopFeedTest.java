package jspy.cli.top;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import jspy.cli.profile.Bucket;
import jspy.cli.profile.ThreadState;
import jspy.cli.sample.StackSample;
import jspy.cli.sample.Window;
import org.junit.jupiter.api.Test;

/** The stream's windows into top's refreshes: classified, and slivers held for the next refresh. */
class TopFeedTest {
    private static final long SECOND = 1_000_000_000L;

    /** threads parked (idle) and one spinning (cpu), each at 100 Hz for the window. */
    private static Window window(long start, double seconds, int threads, boolean virtual) {
        List<StackSample> samples = new ArrayList<>();
        long weight = Math.max(1, Math.round(100 * seconds));
        for (int t = 0; t < threads; t++) {
            List<String> frames = t == 0 && !virtual ? List.of("[spin tid=1]", "a/W.spin")
                    : List.of("[w-" + t + " tid=" + (100 + t) + (virtual ? " virtual]" : "]"), "java/lang/Thread.run",
                            "java/util/concurrent/locks/LockSupport.park", "jdk/internal/misc/Unsafe.park");
            samples.add(new StackSample(100 + t, ThreadState.UNKNOWN, start, weight, frames));
        }
        return new Window(1, start, start + Math.round(seconds * SECOND), threads, threads * seconds, samples, virtual);
    }

    @Test
    void aWindowIsARefreshClassifiedOnce() {
        TopStats stats = new TopStats(100, false);
        TopFeed feed = new TopFeed(null, Set::of, 1.0);
        assertTrue(feed.take(List.of(window(0, 1.0, 3, false)), stats));
        assertEquals(300, stats.windowSamples());
        assertEquals(100, stats.achievedHz(), 1e-9);
        assertEquals(Bucket.CPU, TopStatsTest.row(stats, "a.W.spin").bucket());
        stats.toggleIdle();
        assertEquals(Bucket.IDLE, TopStatsTest.row(stats, "jdk.internal.misc.Unsafe.park").bucket());
    }

    /**
     * A stack is classified once a session, but the agent names the classes that implement
     * java.sql as it sees them load: a driver class named later makes the same stack jdbc.
     */
    @Test
    void aStackIsClassifiedAgainWhenTheAgentNamesAJdbcClass() {
        List<String> frames = List.of("[t tid=1]", "App.query", "com/acme/db/AcmeStatement.execute", "com/acme/db/Wire.read",
                "sun/nio/ch/SocketDispatcher.read0", "__GI_read");
        Window w = new Window(1, 0, SECOND, 1, 1.0, List.of(new StackSample(1, ThreadState.UNKNOWN, 0, 100, frames)), false);
        Set<String> jdbc = new java.util.HashSet<>();
        TopStats stats = new TopStats(100, false);
        TopFeed feed = new TopFeed(null, () -> Set.copyOf(jdbc), 1.0);
        assertTrue(feed.take(List.of(w), stats));
        assertEquals(Bucket.SOCKET, TopStatsTest.row(stats, "com.acme.db.Wire.read").bucket());
        jdbc.add("com/acme/db/AcmeStatement");
        assertTrue(feed.take(List.of(w), stats));
        assertEquals(100, stats.bucketShares().get(Bucket.JDBC), 1e-9, "the cached bucket was dropped");
    }

    @Test
    void aSliverOfAWindowIsHeldForTheNextRefresh() {
        TopStats stats = new TopStats(100, false);
        TopFeed feed = new TopFeed(null, Set::of, 1.0);
        assertTrue(feed.take(List.of(window(0, 1.0, 3, false)), stats));
        // the last chunk of a recording the agent rotates: 0.1 s, a sample a thread
        assertFalse(feed.take(List.of(window(SECOND, 0.1, 3, false)), stats), "not shown alone");
        assertEquals(1.0, stats.windowSeconds(), 1e-9, "the screen keeps the refresh before");
        assertTrue(feed.take(List.of(window(SECOND + SECOND / 10, 1.0, 3, false)), stats));
        assertEquals(1.1, stats.windowSeconds(), 1e-9, "shown with the next window");
        assertEquals(330, stats.windowSamples());
        assertEquals(100, stats.achievedHz(), 1e-9);
        assertFalse(stats.behind());
    }

    @Test
    void aVirtualThreadDumpIsNoSampleOfTheSampler() {
        TopStats stats = new TopStats(100, true);
        TopFeed feed = new TopFeed(null, Set::of, 1.0);
        // 2 platform threads for 2 s, and 500 unmounted virtual threads from a dump, each weighing 100
        assertTrue(feed.take(List.of(window(0, 2.0, 2, false), window(0, 1.0, 500, true)), stats));
        assertEquals(502, stats.threads());
        assertEquals(500, stats.virtualThreads());
        assertEquals(50_400, stats.windowSamples());
        assertEquals(400 / (2 * 2.0), stats.achievedHz(), 1e-9, "the sampler's samples over its threads' time, not 50.2 Hz");
        assertEquals(2.0, stats.windowSeconds(), 1e-9);
    }
}
