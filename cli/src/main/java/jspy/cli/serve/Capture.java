package jspy.cli.serve;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import jspy.cli.profile.Profile;
import jspy.cli.profile.TargetInfo;
import jspy.cli.sample.Accumulator;
import jspy.cli.sample.Window;

/**
 * One {@code GET /profile?seconds=N}: folds the windows whose middle is after the request, until
 * one ends within {@link #SLACK_NANOS} of the request time plus N. The agent closes a window when
 * asked ({@link Profiled#requestWindowEdge}): asked at the start and at the end, the capture covers
 * N seconds give or take an agent poll (100 ms) and answers 0.1-0.3 s after N (up to 1 s on a
 * machine at load 50), not on a {@link Profiled#WINDOW_MILLIS} window edge (before edges, JDK 17:
 * seconds=2 answered in 3.9-5.1 s with 5 s of samples, seconds=7 in 4.7-9.8 s with 5 or 10 s). An
 * agent that does not make edges (an older jspy's, still loaded in the JVM) leaves the capture to
 * whole windows.
 */
final class Capture {
    /**
     * A window that ends this close before the end completes the capture without an edge: an
     * edge there would cut a sliver of a window for nothing.
     */
    static final long SLACK_NANOS = 250_000_000L;

    private final long startNanos;
    private final long endNanos;
    private final Accumulator acc;
    private final CountDownLatch pending;
    private final Set<Long> done = new HashSet<>();
    private final double seconds;

    /**
     * @param targets how many JVMs feed it; several get a process root frame each
     * @param timeline whether to keep samples in time order (the timeline page)
     */
    Capture(double seconds, int targets, long nowEpochNanos, boolean timeline) {
        this.seconds = seconds;
        this.startNanos = nowEpochNanos;
        this.endNanos = nowEpochNanos + (long) (seconds * 1e9);
        this.acc = new Accumulator(targets > 1 ? pid -> "pid " + pid : null, timeline);
        this.pending = new CountDownLatch(targets);
    }

    /**
     * Takes the window if it is part of the capture; says whether this target is done with it.
     * Only a sampled window ends a target's part: a virtual-thread dump (JDK 21+) comes just before
     * the window it belongs with, and would otherwise leave that window out.
     */
    synchronized boolean add(Window w, Set<String> jdbcClasses) {
        if ((w.startNanos() + w.endNanos()) / 2 < startNanos) {
            return false;
        }
        acc.jdbcClasses(jdbcClasses);
        acc.add(w);
        if (!w.virtual() && w.endNanos() >= endNanos - SLACK_NANOS) {
            done.add(w.pid());
            pending.countDown();
            return true;
        }
        return false;
    }

    /** Whether the target has sent its last window for this capture. */
    synchronized boolean done(long pid) {
        return done.contains(pid);
    }

    /** The target stopped: it sends nothing more. */
    void targetEnded() {
        pending.countDown();
    }

    /** Waits until every target is done, at most until the N seconds are over; true when all are done. */
    boolean awaitEnd() throws InterruptedException {
        return pending.await(Math.max(0, endNanos - ProfileEndpoint.epochNanos()), TimeUnit.NANOSECONDS);
    }

    /** Waits for every target, at most the time given, then folds what arrived. */
    Profile await(long timeoutMillis, TargetInfo info, boolean idle) throws InterruptedException {
        pending.await(timeoutMillis, TimeUnit.MILLISECONDS);
        synchronized (this) {
            double covered = acc.windowSeconds() > 0 ? acc.windowSeconds() : seconds;
            return acc.profile(info, covered, 0, idle, false);
        }
    }
}
