package jspy.cli.sample;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jspy.cli.profile.WaitTarget;

/**
 * Gives the wait samples of one thread in one window their targets from the thread's snapshots.
 * A sample stands for the time from its first sample to its last (async-profiler writes the
 * samples of a thread that stayed asleep as one event, one interval apart), and:
 * <ol>
 * <li>a snapshot taken inside that time names what that very wait waited on (the one nearest its
 * middle; for a socket, one that named a peer first: between two reads the kernel shows none);</li>
 * <li>the other samples, the waits no snapshot fell into (short ones, when snapshots are sparse),
 * share the targets of the window's snapshots that fell into no matched wait, in their
 * proportions: snapshots at independent moments estimate shares without bias, where taking the
 * nearest snapshot gave a short wait the peer of the long one beside it (a client asking A for
 * 300 ms and B for 100 ms in turn came out 100% A);</li>
 * <li>with no such snapshot, the nearest within {@link #NEAR_NANOS}; else none.</li>
 * </ol>
 */
final class TargetMatch {
    static final long NEAR_NANOS = 2_500_000_000L;

    private final WatchedThread thread;
    private final WaitTarget.Kind kind;
    private final long intervalNanos;

    TargetMatch(WatchedThread thread, WaitTarget.Kind kind, long intervalNanos) {
        this.thread = thread;
        this.kind = kind;
        this.intervalNanos = intervalNanos;
    }

    /** One target (or null) per sample, in order; samples: this thread's waits of this kind in [from, to]. */
    List<WaitTarget> match(List<StackSample> samples, List<Boolean> parked, long from, long to) {
        List<WaitTarget> out = new ArrayList<>(samples.size());
        boolean[] used = new boolean[thread.size()];
        List<Integer> rest = new ArrayList<>();
        List<Integer> restParked = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            StackSample s = samples.get(i);
            int hit = nearest(start(s), end(s), middle(s), !parked.get(i));
            if (hit >= 0) {
                markInside(start(s), end(s), used);
                out.add(thread.target(hit));
            } else {
                out.add(null);
                (parked.get(i) ? restParked : rest).add(i);
            }
        }
        shareOut(samples, rest, true, used, from, to, out);
        shareOut(samples, restParked, false, used, from, to, out);
        return out;
    }

    /** Step 2 and 3: the unmatched samples, by the proportions of the unused snapshots near the window. */
    private void shareOut(List<StackSample> samples, List<Integer> rest, boolean named, boolean[] used,
                          long from, long to, List<WaitTarget> out) {
        if (rest.isEmpty()) {
            return;
        }
        Map<WaitTarget, Long> counts = new LinkedHashMap<>();
        for (int j = 0; j < thread.size(); j++) {
            long t = thread.time(j);
            WaitTarget target = thread.target(j);
            if (!used[j] && target.kind() == kind && t >= from - NEAR_NANOS && t <= to + NEAR_NANOS
                    && (!named || target.name() != null)) {
                counts.merge(target, 1L, Long::sum);
            }
        }
        Deficit deficit = new Deficit(counts);
        for (int i : rest) {
            StackSample s = samples.get(i);
            WaitTarget t = counts.isEmpty() ? nearestAny(middle(s)) : deficit.next(s.weight());
            out.set(i, t);
        }
    }

    /** The snapshot in [from, to] nearest mid, a named one first when asked; or -1. */
    private int nearest(long from, long to, long mid, boolean preferNamed) {
        int best = -1;
        boolean bestNamed = false;
        long bestGap = Long.MAX_VALUE;
        for (int j = 0; j < thread.size(); j++) {
            long t = thread.time(j);
            WaitTarget target = thread.target(j);
            if (t < from || t > to || target.kind() != kind) {
                continue;
            }
            boolean isNamed = preferNamed && target.name() != null;
            long gap = Math.abs(t - mid);
            if (best < 0 || isNamed && !bestNamed || isNamed == bestNamed && gap < bestGap) {
                best = j;
                bestNamed = isNamed;
                bestGap = gap;
            }
        }
        return best;
    }

    private WaitTarget nearestAny(long mid) {
        int j = nearest(mid - NEAR_NANOS, mid + NEAR_NANOS, mid, true);
        return j < 0 ? null : thread.target(j);
    }

    private void markInside(long from, long to, boolean[] used) {
        for (int j = 0; j < thread.size(); j++) {
            used[j] |= thread.time(j) >= from && thread.time(j) <= to;
        }
    }

    private long start(StackSample s) {
        return s.nanos() - intervalNanos / 2;
    }

    private long end(StackSample s) {
        return s.nanos() + s.weight() * intervalNanos;
    }

    long middle(StackSample s) {
        return s.nanos() + (s.weight() - 1) * intervalNanos / 2;
    }

    /** Hands out targets so that the weight given to each follows its share, one whole sample at a time. */
    private static final class Deficit {
        private final Map<WaitTarget, Long> counts;
        private final Map<WaitTarget, Long> given = new LinkedHashMap<>();
        private final long total;
        private long handed;

        Deficit(Map<WaitTarget, Long> counts) {
            this.counts = counts;
            this.total = counts.values().stream().mapToLong(Long::longValue).sum();
        }

        WaitTarget next(long weight) {
            handed += weight;
            WaitTarget best = null;
            double bestOwed = Double.NEGATIVE_INFINITY;
            for (Map.Entry<WaitTarget, Long> e : counts.entrySet()) {
                double owed = (double) handed * e.getValue() / total - given.getOrDefault(e.getKey(), 0L);
                if (owed > bestOwed) {
                    best = e.getKey();
                    bestOwed = owed;
                }
            }
            given.merge(best, weight, Long::sum);
            return best;
        }
    }
}
