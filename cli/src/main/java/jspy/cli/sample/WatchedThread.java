package jspy.cli.sample;

import jspy.cli.profile.WaitTarget;

/**
 * One thread that jspy saw waiting on a socket or a lock, with its recent snapshots: what it
 * waited on, when (epoch nanos). Looked at often while what it waits on changes, and less and
 * less often while it stays on one target: a thread blocked on one peer for minutes needs one look
 * a second and a half, one that asks two servers in turn one every poll.
 */
final class WatchedThread {
    static final long FIRST_GAP_NANOS = 100_000_000L;
    static final long MAX_GAP_NANOS = 1_600_000_000L;
    /** 12.8 s of snapshots at the fastest pace: longer than serve's 5 s windows and their neighbours. */
    private static final int KEEP = 128;

    final long tid;
    Long javaId;
    boolean peers;
    boolean locks;
    long lastWaitNanos;
    /** System.nanoTime() when the agent was first asked about this thread, or 0. */
    long askedAgent;
    /** The same moment in epoch nanos, to tell the agent's answers after it. */
    long askedAgentEpochNanos;
    /** System.nanoTime() of the next kernel look, and the gap to the one after while nothing changes. */
    long nextProbe;
    private long gap = FIRST_GAP_NANOS;
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

    /** A kernel look at System.nanoTime() now: the next comes sooner when the target changed. */
    void probed(long now, WaitTarget target) {
        WaitTarget previous = size == 0 ? null : targets[(next - 1 + KEEP) % KEEP];
        gap = target.equals(previous) ? Math.min(2 * gap, MAX_GAP_NANOS) : FIRST_GAP_NANOS;
        nextProbe = now + gap;
    }

    /** Whether any snapshot came since the agent was asked (epoch nanos of the question). */
    boolean answeredSince(long epochNanos) {
        return lastAnswerNanos >= epochNanos;
    }

    int size() {
        return size;
    }

    long time(int i) {
        return times[i];
    }

    WaitTarget target(int i) {
        return targets[i];
    }
}
