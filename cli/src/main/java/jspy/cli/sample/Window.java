package jspy.cli.sample;

import java.util.List;

/**
 * The samples of one JVM in one exact time window (one JFR chunk: the agent closes one every
 * period). {@code pid} names the JVM; {@code threads} is how many threads had samples, which with
 * batching is every live thread; {@code threadSeconds} how long they were alive in the window (a
 * thread that lived 0.2 s of it counts 0.2 s, see ThreadTime), so samples / threadSeconds is the
 * achieved per-thread rate. A {@code virtual} window holds the unmounted virtual threads of one
 * JSON thread dump (JDK 21+), each weighted by the time since the dump before.
 */
public record Window(long pid, long startNanos, long endNanos, int threads, double threadSeconds,
                     List<StackSample> samples, boolean virtual) {
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
