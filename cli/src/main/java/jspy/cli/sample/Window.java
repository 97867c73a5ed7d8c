package jspy.cli.sample;

import java.util.List;

/**
 * The samples of one JVM in one exact time window (one JFR chunk: the agent closes one every
 * period). {@code pid} and {@code process} name the JVM; {@code threads} is how many threads had
 * samples, which with batching is every live thread, so samples / (threads x seconds) is the
 * achieved per-thread rate. A {@code virtual} window holds the unmounted virtual threads of one JSON
 * thread dump (JDK 21+), each weighted by the time since the dump before.
 */
public record Window(long pid, long startNanos, long endNanos, int threads, List<StackSample> samples, boolean virtual) {
    public double seconds() {
        return (endNanos - startNanos) / 1e9;
    }

    public long weight() {
        long n = 0;
        for (StackSample s : samples) {
            n += s.weight();
        }
        return n;
    }
}
