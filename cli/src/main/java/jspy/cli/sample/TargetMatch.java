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
 * make up each target's share of the window's snapshots: snapshots at independent moments estimate
 * shares without bias, where taking the nearest snapshot gave a short wait the peer of the long
 * one beside it (a client asking A for 300 ms and B for 100 ms in turn came out 100% A);</li>
 * <li>with no such snapshot, the nearest within {@link #NEAR_NANOS}; else none.</li>
 * </ol>
 */
final class TargetMatch {
    static final long NEAR_NANOS = 2_500_000_000L;

    private final WatchedThread.Snapshots thread;
    private final WaitTarget.Kind kind;
    private final long intervalNanos;

    TargetMatch(WatchedThread.Snapshots thread, WaitTarget.Kind kind, long intervalNanos) {
        this.thread = thread;
        this.kind = kind;
        this.intervalNanos = intervalNanos;
    }

    /** One target (or null) per sample, in order; samples: this thread's waits of this kind in [from, to]. */
    List<WaitTarget> match(List<StackSample> samples, List<Boolean> parked, long from, long to) {
        WaitTarget steady = parked.contains(true) ? null : onlyTarget(from - NEAR_NANOS, to + NEAR_NANOS);
        if (steady != null) {
            return java.util.Collections.nCopies(samples.size(), steady);
        }
        List<WaitTarget> out = new ArrayList<>(samples.size());
        for (int i = 0; i < samples.size(); i++) {
            StackSample s = samples.get(i);
            boolean reading = !parked.get(i);
            int hit = nearest(start(s), end(s), middle(s), reading);
            // A read whose span held only a look between two reads (no peer) is not known by it:
            // left to step 2, such looks gave 17% `peer ?` to a thread that read C and D in turn
            // every 20 ms (CI, JDK 17/25); a thread never seen on a named socket still gets `?` there.
            boolean blank = hit >= 0 && reading && thread.targets()[hit].name() == null;
            out.add(hit >= 0 && !blank ? thread.targets()[hit] : null);
        }
        shareOut(samples, parked, false, from, to, out);
        shareOut(samples, parked, true, from, to, out);
        return out;
    }

    /**
     * Step 2 and 3, for the parked or the other samples: snapshots at independent moments estimate
     * each target's share of the thread's wait time in the window, so each target is owed that
     * share of the samples less what the matched waits already gave it; the unmatched samples pay
     * those debts. (The waits no snapshot fell into are mostly the short ones: shared out in the
     * snapshots' plain proportions, a 100 ms wait beside 300 ms ones went to the long one's peer.)
     */
    private void shareOut(List<StackSample> samples, List<Boolean> parked, boolean parkedOnes, long from, long to,
                          List<WaitTarget> out) {
        long total = 0;
        Map<WaitTarget, Long> matched = new LinkedHashMap<>();
        List<Integer> rest = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            if (parked.get(i) == parkedOnes) {
                total += samples.get(i).weight();
                if (out.get(i) == null) {
                    rest.add(i);
                } else {
                    matched.merge(out.get(i), samples.get(i).weight(), Long::sum);
                }
            }
        }
        if (rest.isEmpty()) {
            return;
        }
        Map<WaitTarget, Double> counts = snapshots(from, to, !parkedOnes);
        if (counts.isEmpty()) {
            counts = snapshots(from - NEAR_NANOS, to + NEAR_NANOS, !parkedOnes);
        }
        if (counts.isEmpty()) {
            for (int i : rest) {
                out.set(i, nearestAny(middle(samples.get(i))));
            }
            return;
        }
        Deficit deficit = new Deficit(owed(counts, matched, total));
        for (int i : rest) {
            out.set(i, deficit.next(samples.get(i).weight()));
        }
    }

    /** Each target's estimated samples (its share of the snapshots, by weight) less those matched to it. */
    private static Map<WaitTarget, Double> owed(Map<WaitTarget, Double> counts, Map<WaitTarget, Long> matched,
                                                long total) {
        double snapshots = counts.values().stream().mapToDouble(Double::doubleValue).sum();
        Map<WaitTarget, Double> owed = new LinkedHashMap<>();
        double sum = 0;
        for (Map.Entry<WaitTarget, Double> e : counts.entrySet()) {
            double debt = Math.max(0, (double) total * e.getValue() / snapshots - matched.getOrDefault(e.getKey(), 0L));
            owed.put(e.getKey(), debt);
            sum += debt;
        }
        if (sum == 0) { // the matched waits took every target's share: the rest as the snapshots say
            owed.putAll(counts);
        }
        return owed;
    }

    /**
     * The one target that every named snapshot of this kind in [from, to] names, or null (none, or
     * several). Steps 1 to 3 then give every sample that target: most waiters wait on one peer or
     * lock all along, and going through the steps for each of their samples was most of what
     * targets cost jspy (150 waiters, 15,000 samples a second).
     */
    private WaitTarget onlyTarget(long from, long to) {
        WaitTarget only = null;
        for (int j = thread.from(from); j < thread.size() && thread.times()[j] <= to; j++) {
            WaitTarget target = thread.targets()[j];
            if (target.kind() != kind || target.name() == null) {
                continue;
            }
            if (only != null && !only.equals(target)) {
                return null;
            }
            only = target;
        }
        return only;
    }

    /** Snapshots of this kind in [from, to], per target; with named, only those that name one. */
    private Map<WaitTarget, Double> snapshots(long from, long to, boolean named) {
        Map<WaitTarget, Double> counts = new LinkedHashMap<>();
        for (int j = thread.from(from); j < thread.size() && thread.times()[j] <= to; j++) {
            WaitTarget target = thread.targets()[j];
            if (target.kind() == kind && (!named || target.name() != null)) {
                counts.merge(target, thread.weights()[j], Double::sum);
            }
        }
        return counts;
    }

    /** The snapshot in [from, to] nearest mid, a named one first when asked; or -1. */
    private int nearest(long from, long to, long mid, boolean preferNamed) {
        int best = -1;
        boolean bestNamed = false;
        long bestGap = Long.MAX_VALUE;
        // Time order: a window's hundreds of short waits each look at their own few snapshots, not
        // all 128 (150 waiters of 5-20 ms cost jspy 15% of a core more with targets than without).
        for (int j = thread.from(from); j < thread.size() && thread.times()[j] <= to; j++) {
            long t = thread.times()[j];
            WaitTarget target = thread.targets()[j];
            if (target.kind() != kind) {
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
        return j < 0 ? null : thread.targets()[j];
    }

    private long start(StackSample s) {
        return s.nanos() - intervalNanos / 2;
    }

    /**
     * Centred on the samples, as start is: t + N·i reached half an interval into the next wait, and a
     * short wait's only snapshot was often the next peer's (a thread alternating two peers every
     * 20 ms or 300/100 ms gave the second peer 10-17 pp too much, JDK 17 and 25).
     */
    private long end(StackSample s) {
        return s.nanos() + s.weight() * intervalNanos - intervalNanos / 2;
    }

    long middle(StackSample s) {
        return s.nanos() + (s.weight() - 1) * intervalNanos / 2;
    }

    /** Hands out targets so that the weight given to each follows its share, one whole sample at a time. */
    static final class Deficit {
        private final Map<WaitTarget, Double> shares;
        private final Map<WaitTarget, Long> given = new LinkedHashMap<>();
        private final double total;
        private long handed;

        Deficit(Map<WaitTarget, Double> shares) {
            this.shares = shares;
            this.total = shares.values().stream().mapToDouble(Double::doubleValue).sum();
        }

        WaitTarget next(long weight) {
            handed += weight;
            WaitTarget best = null;
            double bestOwed = Double.NEGATIVE_INFINITY;
            for (Map.Entry<WaitTarget, Double> e : shares.entrySet()) {
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
