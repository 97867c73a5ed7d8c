package jspy.cli.top;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import jspy.cli.sample.Refreshes;
import jspy.cli.sample.SampleStream;
import jspy.cli.sample.Window;

/**
 * Feeds top's model from the sample stream: a refresh per window of the sampler, with the newest
 * virtual-thread dump riding along (Refreshes).
 *
 * <p>A window shorter than half a refresh is held and shown with the next one. The agent starts a
 * new recording every minute (Protocol.ROTATE_MILLIS), and the old one's last chunk is a sliver:
 * shown alone, the screen dropped for a refresh to {@code window: 0 in 0.1 s}, every thread idle,
 * or to 1 sample per thread at 6 Hz with a warning (1,000 idle threads, JDK 17, issue 23).
 */
public final class TopFeed {
    private final Refreshes refreshes;
    private final Supplier<Set<String>> jdbcClasses;
    private final double minSeconds;
    private final List<Window> held = new ArrayList<>();

    /** jdbcClasses: the agent's list, which grows as the session goes on. */
    public TopFeed(SampleStream stream, Supplier<Set<String>> jdbcClasses, double delaySeconds) {
        this.refreshes = new Refreshes(stream);
        this.jdbcClasses = jdbcClasses;
        this.minSeconds = delaySeconds / 2;
    }

    /** Feeds the next refresh, if one is ready, to the stats; true when one came. */
    public boolean poll(TopStats stats) {
        List<Window> windows = refreshes.poll();
        return windows != null && take(windows, stats);
    }

    /** One refresh's windows, the sampler's first; false while they are held. */
    boolean take(List<Window> windows, TopStats stats) {
        held.addAll(windows);
        long samples = 0;
        double seconds = 0;
        double threadSeconds = 0;
        for (Window w : held) {
            if (!w.virtual()) { // a dump's virtual threads are no samples of the sampler's (TopStats.Sampled)
                samples += w.weight();
                seconds += w.seconds();
                threadSeconds += w.threadSeconds(); // each thread only while it lived (issue 23 item 2)
            }
        }
        if (seconds < minSeconds) {
            return false;
        }
        stats.update(held, jdbcClasses.get(), seconds, new TopStats.Sampled(samples, threadSeconds));
        held.clear();
        return true;
    }
}
