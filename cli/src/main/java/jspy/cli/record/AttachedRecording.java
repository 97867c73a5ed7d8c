package jspy.cli.record;

import java.io.PrintWriter;
import jspy.cli.SamplingOptions;
import jspy.cli.attach.AgentSession;
import jspy.cli.attach.TargetJvm;
import jspy.cli.profile.Collapsed;
import jspy.cli.profile.Profile;

/** {@code jspy record -p PID}: attach, sample until duration, signal or target exit. */
public final class AttachedRecording extends Recording {
    private AttachedRecording() {
    }

    public static Profile record(long pid, SamplingOptions.Rate rate, Double duration, boolean idle,
                                 boolean threads, PrintWriter err) {
        TargetJvm target = TargetJvm.inspect(pid);
        // Snapshots only matter if the target dies without its exit hooks (kill -9): every 2 s
        // bounds that loss while halving the dump work of 1 s (visible with 10,000 threads).
        try (AgentSession session = AgentSession.start(target, SamplingOptions.intervalNanos(rate.hz()), 2000)) {
            long started = System.nanoTime();
            err.println("Sampling " + session.info().describe() + " at " + rate.describe()
                    + (duration != null ? " for " + duration + " s" : "") + ". Press Control-C to stop.");
            err.flush();
            long deadline = deadline(started, duration);
            String reason = null;
            while (reason == null) {
                reason = stopReason(deadline);
                if (reason == null && !target.alive()) {
                    reason = TARGET_EXITED;
                }
                if (reason == null && session.stoppedByItself()) {
                    err.println("jspy: warning: the agent stopped sampling early: jspy did not run for over 2.5 s "
                            + "(an overloaded machine?); writing what was sampled.");
                    reason = "agent stopped";
                }
                session.heartbeat();
                session.poll();
                if (!pause(50)) {
                    reason = "interrupted";
                }
            }
            String snapshot;
            if (reason.equals(TARGET_EXITED)) {
                err.println("JVM " + pid + " exited; writing what was sampled.");
                session.poll(); // the agent's exit hook wrote a final snapshot
                snapshot = session.latest();
            } else {
                snapshot = session.finish();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            return new Profile(session.info(), Collapsed.parse(snapshot, session.jdbcClasses()), seconds, rate.hz(), idle,
                    threads);
        }
    }
}
