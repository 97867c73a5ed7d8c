package jspy.cli.sample;

import jspy.cli.profile.WaitTarget;

/**
 * One thread that jspy saw waiting on a socket or a lock, with its recent snapshots: what it
 * waited on, when. A sample takes the target of the snapshot nearest to it in time: with
 * snapshots a few times a second, a thread that alternates between two peers gets each in
 * proportion.
 */
final class WatchedThread {
    /** A snapshot stands for samples this far from it, at most: 2.5 windows of record. */
    static final long NEAR_NANOS = 2_500_000_000L;
    private static final int KEEP = 32;

    final long tid;
    Long javaId;
    boolean peers;
    boolean locks;
    long lastWaitNanos;
    /** System.nanoTime() when the agent was first asked about this thread, or 0. */
    long askedAgent;
    /** The same moment in epoch nanos, to tell the agent's answers after it. */
    long askedAgentEpochNanos;
    private final long[] times = new long[KEEP];
    private final WaitTarget[] targets = new WaitTarget[KEEP];
    private int next;
    private int size;
    private long lastAnswerNanos = Long.MIN_VALUE;

    WatchedThread(long tid) {
        this.tid = tid;
    }

    /** A snapshot at epoch nanos; target UNKNOWN_PEER says the thread sat on no socket then. */
    void add(long nanos, WaitTarget target) {
        times[next] = nanos;
        targets[next] = target;
        next = (next + 1) % KEEP;
        size = Math.min(size + 1, KEEP);
        lastAnswerNanos = Math.max(lastAnswerNanos, nanos);
    }

    /** Whether any snapshot came since the agent was asked (epoch millis of the question). */
    boolean answeredSince(long epochNanos) {
        return lastAnswerNanos >= epochNanos;
    }

    /**
     * The target of kind nearest to nanos; with preferNamed a named one first (a socket read is
     * on its peer even when the nearest snapshot caught the thread between two reads); null when
     * none is near.
     */
    WaitTarget nearest(WaitTarget.Kind kind, long nanos, boolean preferNamed) {
        WaitTarget named = null;
        WaitTarget any = null;
        long namedGap = NEAR_NANOS;
        long anyGap = NEAR_NANOS;
        for (int i = 0; i < size; i++) {
            WaitTarget t = targets[i];
            if (t.kind() != kind) {
                continue;
            }
            long gap = Math.abs(times[i] - nanos);
            if (t.name() != null && gap <= namedGap) {
                named = t;
                namedGap = gap;
            }
            if (gap <= anyGap) {
                any = t;
                anyGap = gap;
            }
        }
        return preferNamed && named != null ? named : any;
    }
}
