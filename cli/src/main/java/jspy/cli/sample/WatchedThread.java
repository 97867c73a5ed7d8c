package jspy.cli.sample;

import java.util.concurrent.ThreadLocalRandom;
import jspy.cli.profile.WaitTarget;

/**
 * One thread that jspy saw waiting on a socket or a lock, with its recent snapshots: what it
 * waited on, when (epoch nanos). Snapshots come from the kernel prober's thread and the agent's
 * answers; the stream's thread reads a copy.
 *
 * <p>A thread whose last window held many waits is looked at every 20 ms or so, every 200 ms if
 * its looks of the last second (at least {@link #STEADY_LOOKS}) all named one peer; a
 * thread blocked all along (one or two events a window: async-profiler writes a sleeping thread's
 * samples as one) every 1.6 s or so. Each gap is drawn at random around its mean: snapshots must
 * fall at independent moments to estimate shares, and a fixed 400 ms gap always found a client
 * that asks A for 300 ms and B for 100 ms in turn asking A (100% A against a measured 73%).
 */
final class WatchedThread {
    /**
     * 20 ms: a share estimated from n random looks is off by sqrt(p(1-p)/n), 6.5 pp for a thread
     * alternating two peers with 10 looks a second over 6 s, 3 pp with 40. A thread alternating
     * 20 ms requests got 11 looks a second where 12 waiters shared the prober's 100 (JDK 25): its
     * share came 8-18 pp off in 3 of 8 runs. Steady waiters now make room for it.
     */
    static final long FAST_GAP_NANOS = 20_000_000L;
    static final long STEADY_GAP_NANOS = 200_000_000L;
    static final long SLOW_GAP_NANOS = 1_600_000_000L;
    static final int STEADY_LOOKS = 3;
    /**
     * 12.8 s of snapshots at the fastest pace (20 ms): longer than serve's 5 s windows and the
     * 2.5 s either side that the join reaches; about 10 KB a thread.
     */
    private static final int KEEP = 640;

    /**
     * The snapshots, oldest first: a copy, read without a lock. A snapshot's weight is the mean gap
     * it was drawn with: looks come faster while a thread's peers change and slower once they
     * agree, so counted alike they over-weighed what was looked at often (a client asking A for
     * 300 ms and B for 100 ms in turn came out 87.7% A against a measured 75%, JDK 25); weighed by
     * their gap they estimate time again. The agent's answers weigh 1 (one look a loop for all).
     */
    record Snapshots(long[] times, WaitTarget[] targets, double[] weights) {
        int size() {
            return times.length;
        }

        /** The index of the first snapshot at or after nanos (size() if none). */
        int from(long nanos) {
            int i = java.util.Arrays.binarySearch(times, nanos);
            if (i < 0) {
                return -i - 1;
            }
            while (i > 0 && times[i - 1] == nanos) {
                i--;
            }
            return i;
        }
    }

    final long tid;
    volatile Long javaId;
    volatile boolean peers;
    volatile boolean locks;
    long lastWaitNanos;
    /** Wait events of this thread in the newest window: many mean short waits, which change target. */
    volatile int events;
    /** System.nanoTime() of the next kernel look; 0: at once. */
    volatile long nextProbe;
    /** Epoch nanos when a source (kernel or agent) was first asked about each kind, or 0. */
    long askedPeerEpochNanos;
    long askedLockEpochNanos;
    private final long[] times = new long[KEEP];
    private final WaitTarget[] targets = new WaitTarget[KEEP];
    private final double[] weights = new double[KEEP];
    /** The mean of the gap that the next kernel look was drawn with: its weight. */
    private volatile long scheduledMean = FAST_GAP_NANOS;
    private int next;
    private int size;
    /**
     * Decided once a window, not at each look: a pace that changed with what the last looks saw
     * put fast looks right after each change of peer, and a client asking A for 300 ms and B for
     * 100 ms in turn came out 84-88% A against a measured 75% (JDK 25), weights or not.
     */
    private volatile boolean steady;

    WatchedThread(long tid) {
        this.tid = tid;
    }

    /** A snapshot at epoch nanos; target UNKNOWN_PEER says the thread sat on no socket then. */
    void add(long nanos, WaitTarget target) {
        add(nanos, target, 1);
    }

    /** A kernel look, weighed by the mean gap it was scheduled with. */
    void addLook(long nanos, WaitTarget target) {
        add(nanos, target, scheduledMean / 1e6);
    }

    synchronized void add(long nanos, WaitTarget target, double weight) {
        times[next] = nanos;
        targets[next] = target;
        weights[next] = weight;
        next = (next + 1) % KEEP;
        size = Math.min(size + 1, KEEP);
    }

    /** Whether at least STEADY_LOOKS looks since epochNanos named a peer, all the same one. */
    private synchronized boolean onePeerSince(long epochNanos) {
        String peer = null;
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (times[i] >= epochNanos && targets[i].kind() == WaitTarget.Kind.PEER && targets[i].name() != null) {
                if (peer != null && !peer.equals(targets[i].name())) {
                    return false;
                }
                peer = targets[i].name();
                n++;
            }
        }
        return n >= STEADY_LOOKS;
    }

    /** How many snapshots of this kind came since epochNanos. */
    synchronized int looksSince(WaitTarget.Kind kind, long epochNanos) {
        int n = 0;
        for (int i = 0; i < size; i++) {
            n += times[i] >= epochNanos && targets[i].kind() == kind ? 1 : 0;
        }
        return n;
    }

    /** A copy in time order: the kernel's and the agent's looks can arrive out of it. */
    synchronized Snapshots snapshots() {
        Integer[] order = new Integer[size];
        boolean sorted = true;
        for (int i = 0; i < size; i++) {
            order[i] = (next - size + i + KEEP) % KEEP;
            sorted &= i == 0 || times[order[i - 1]] <= times[order[i]];
        }
        if (!sorted) {
            java.util.Arrays.sort(order, (a, b) -> Long.compare(times[a], times[b]));
        }
        long[] t = new long[size];
        WaitTarget[] w = new WaitTarget[size];
        double[] g = new double[size];
        for (int i = 0; i < size; i++) {
            t[i] = times[order[i]];
            w[i] = targets[order[i]];
            g[i] = weights[order[i]];
        }
        return new Snapshots(t, w, g);
    }

    /** Looked at by the kernel prober at System.nanoTime() now: the next look after a random gap. */
    void probed(long now) {
        scheduledMean = meanGap();
        nextProbe = now + gap();
    }

    /** After a new window: a thread that now waits often is looked at soon, not after the long gap. */
    void reschedule(long now) {
        steady = onePeerSince(System.currentTimeMillis() * 1_000_000 - 1_000_000_000L);
        if (events > 2 && nextProbe - now > 2 * meanGap()) {
            scheduledMean = meanGap();
            nextProbe = now + gap();
        }
    }

    private long meanGap() {
        return events <= 2 ? SLOW_GAP_NANOS : steady ? STEADY_GAP_NANOS : FAST_GAP_NANOS;
    }

    private long gap() {
        return (long) (meanGap() * (0.5 + ThreadLocalRandom.current().nextDouble()));
    }
}
