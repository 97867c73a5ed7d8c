package jspy.cli.serve;

import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import jspy.cli.profile.Profile;
import jspy.cli.profile.TargetInfo;
import jspy.cli.sample.Accumulator;
import jspy.cli.sample.Window;

/**
 * One {@code GET /profile?seconds=N}: folds the windows whose middle is after the request, until
 * one ends within half a window of the request time plus N. Windows are
 * {@link Profiled#WINDOW_MILLIS} long, so the capture covers N seconds give or take half a window
 * and answers within N + half a window (measured: a 10 s profile once held 15 s when every window
 * that ended after the request was taken).
 */
final class Capture {
    private final long startNanos;
    private final long untilNanos;
    private final Accumulator acc;
    private final CountDownLatch pending;
    private final double seconds;

    /**
     * @param targets how many JVMs feed it; several get a process root frame each
     * @param timeline whether to keep samples in time order (the timeline page)
     */
    Capture(double seconds, int targets, long nowEpochNanos, boolean timeline) {
        this.seconds = seconds;
        this.startNanos = nowEpochNanos;
        this.untilNanos = nowEpochNanos + (long) (seconds * 1e9) - Profiled.WINDOW_MILLIS * 1_000_000 / 2;
        this.acc = new Accumulator(targets > 1 ? pid -> "pid " + pid : null, timeline);
        this.pending = new CountDownLatch(targets);
    }

    /** Takes the window if it is part of the capture; says whether this target is done with it. */
    synchronized boolean add(Window w, Set<String> jdbcClasses) {
        if ((w.startNanos() + w.endNanos()) / 2 < startNanos) {
            return false;
        }
        acc.jdbcClasses(jdbcClasses);
        acc.add(w);
        if (w.endNanos() >= untilNanos) {
            pending.countDown();
            return true;
        }
        return false;
    }

    /** The target stopped: it sends nothing more. */
    void targetEnded() {
        pending.countDown();
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
