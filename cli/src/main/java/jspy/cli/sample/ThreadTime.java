package jspy.cli.sample;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * How long the threads of one JVM's window were alive in it, read off their samples: the
 * denominator of the achieved per-thread rate and of each sample's time (pprof's nanoseconds,
 * serve's {@code jspy_wall_seconds_total}). Counting every thread seen for the whole window made a
 * JVM that starts a 200 ms thread every 50 ms (CompletableFuture.supplyAsync on 2 CPUs) claim 47
 * Hz of 100 and pprof totals 60% too high (JDK 17, 2026-12-07).
 *
 * <p>async-profiler's wall clock visits every thread once per cycle (one interval when it keeps
 * up): a thread that ran since its last sample gets a signal and a sample; one that did not adds
 * to a batch, written as one event at its first visit's time with the count of visits, at the
 * latest when the window is dumped. So a thread's visits in a window are its samples' times, a
 * batch's being {@code time, time + P, ..., time + (count - 1) P} for the cycle P. Its life:
 * <ul>
 * <li>from the window's start if it had samples in the JVM's previous window; else from one cycle
 *     before its first visit: the timer picks a new thread up only after it re-lists the threads,
 *     at the end of a cycle; measured, the first visit came 1.1 cycles after the thread's first
 *     instruction on average (JDK 17, 2 cores at load 15);</li>
 * <li>to half a cycle after its last visit, or the window's end.</li>
 * </ul>
 * The cycle P is measured, not assumed: a timer that falls behind stretches it, and taking the
 * interval asked instead would end every thread early and hide exactly that. Each thread that slept
 * through to the dump has a batch spanning the window: P is the median of (end - time) / (count -
 * 1/2) over the batches at least half as long as the longest (shorter ones ended early: the
 * thread woke or died). No thread ends later than that. A JVM always has threads asleep for good
 * (Signal Dispatcher, Reference Handler); without any long batch P is the interval. Measured on
 * that JVM: 183.3 thread-seconds in 6.4 s against 184.7 from the threads' own clocks (old: 298.8).
 */
public final class ThreadTime {
    private static final int FIRST = 0, LAST = 1, COUNT = 2;

    private final long intervalNanos;
    /** tid -> first visit, last event's time, its count: per window, cleared by close(). */
    private final Map<Integer, long[]> threads = new HashMap<>();
    private Set<Integer> previous = Set.of();

    public ThreadTime(long intervalNanos) {
        this.intervalNanos = intervalNanos;
    }

    /** One event of the window being read: a sample (count 1) or a batch. */
    public void add(int tid, long nanos, long count) {
        long[] t = threads.get(tid);
        if (t == null) {
            threads.put(tid, new long[] {nanos, nanos, count});
            return;
        }
        t[FIRST] = Math.min(t[FIRST], nanos);
        // the event whose last visit is latest; the interval stands in for the cycle, which only
        // scales the comparison of a batch with later samples that never overlap it in time
        if (nanos + (count - 1) * intervalNanos > t[LAST] + (t[COUNT] - 1) * intervalNanos) {
            t[LAST] = nanos;
            t[COUNT] = count;
        }
    }

    /** Threads with samples in the window being read. */
    public int threads() {
        return threads.size();
    }

    /**
     * The thread-seconds of the window [start, end] whose events were added; then starts the next
     * window, in which this one's threads count from its start.
     */
    public double close(long start, long end) {
        double cycle = cycle(end);
        double nanos = 0;
        for (Map.Entry<Integer, long[]> e : threads.entrySet()) {
            long[] t = e.getValue();
            double from = previous.contains(e.getKey()) ? start : Math.max(start, t[FIRST] - cycle);
            double to = Math.min(end, t[LAST] + (t[COUNT] - 0.5) * cycle);
            nanos += Math.max(0, to - from);
        }
        previous = Set.copyOf(threads.keySet());
        threads.clear();
        return nanos / 1e9;
    }

    /** The timer's cycle in this window, in nanoseconds (see the class comment). */
    double cycle(long end) {
        long longest = 0;
        for (long[] t : threads.values()) {
            longest = Math.max(longest, t[COUNT]);
        }
        if (longest < 2) {
            return intervalNanos;
        }
        double[] cycles = new double[threads.size()];
        int n = 0;
        for (long[] t : threads.values()) {
            if (t[COUNT] >= 2 && 2 * t[COUNT] >= longest && t[LAST] < end) {
                cycles[n++] = (end - t[LAST]) / (t[COUNT] - 0.5);
            }
        }
        if (n == 0) {
            return intervalNanos;
        }
        Arrays.sort(cycles, 0, n);
        return Math.max(intervalNanos, cycles[n / 2]);
    }
}
