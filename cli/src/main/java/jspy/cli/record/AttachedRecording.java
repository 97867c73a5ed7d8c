package jspy.cli.record;

import java.io.PrintWriter;
import java.util.List;
import jspy.cli.attach.AgentSession;
import jspy.cli.attach.TargetJvm;
import jspy.cli.profile.Profile;
import jspy.cli.sample.Accumulator;
import jspy.cli.sample.SampleStream;
import jspy.cli.sample.StopReason;
import jspy.cli.sample.Window;

/** {@code jspy record -p PID}: attach, then fold the sample stream until it stops. */
public final class AttachedRecording {
    /** One window a second: the cost of a window is a JFR chunk (~2 ms in the target, measured). */
    private static final long WINDOW_MILLIS = 1000;

    private AttachedRecording() {
    }

    /** What to sample and how to show it. */
    public record Request(long pid, double rateHz, String rateNote, Double duration, boolean idle, boolean threads,
                          boolean timeline, boolean lines) {
    }

    public static Profile record(Request r, PrintWriter err) {
        TargetJvm target = TargetJvm.inspect(r.pid());
        try (AgentSession session = AgentSession.start(target, intervalNanos(r.rateHz()), WINDOW_MILLIS)) {
            long started = System.nanoTime();
            err.println(Progress.startLine(session.info(), r.rateHz(), r.duration()));
            if (!r.rateNote().isEmpty()) {
                err.println("jspy: " + r.rateNote() + ".");
            }
            err.flush();
            Accumulator acc = new Accumulator(null, r.timeline());
            StopReason[] reason = new StopReason[1];
            List<String> waitNotes;
            Progress progress = Progress.forTerminal(err, r.idle());
            try (SampleStream stream = SampleStream.attached(session, r.duration(), r.lines())) {
                while (stream.hasNext()) {
                    Window w = stream.next();
                    acc.jdbcClasses(session.jdbcClasses());
                    acc.add(w);
                    progress.update(started, acc);
                }
                progress.clear();
                reason[0] = stream.stopReason();
                report(stream.stopReason(), r.pid(), session.dir().dropped(), err);
                if (session.unconfirmedStop() != null) {
                    err.println("jspy: warning: " + session.unconfirmedStop() + ".");
                }
                skipped(stream.skipped(), err);
                waitNotes = stream.waitNotes();
            }
            acc.jdbcClasses(session.jdbcClasses());
            // The span the samples cover, as serve's /profile: pprof's duration then agrees with its
            // thread-seconds; the time since attach was off by 4% (7.53 s against 7.82 s, JDK 25 at load 25).
            double seconds = acc.windowSeconds() > 0 ? acc.windowSeconds() : (System.nanoTime() - started) / 1e9;
            Profile profile = acc.profile(session.info(), seconds, r.rateHz(), r.idle(), r.threads());
            return acc.samples() > 0 ? profile.plusNotes(waitNotes) : profile.withNotes(List.of(why(reason[0])));
        }
    }

    /** Data that could not be read is counted and said (a damaged chunk, a missed virtual-thread dump). */
    static void skipped(long n, PrintWriter err) {
        if (n > 0) {
            err.println("jspy: warning: " + n + " sample window(s) could not be read and are missing from the profile.");
        }
    }

    /** Why a recording holds no sample at all, for its summary line. */
    private static String why(StopReason reason) {
        return reason == StopReason.TARGET_EXITED ? "the JVM exited before its first sample window closed"
                : reason == StopReason.AGENT_STOPPED ? "the agent stopped before its first sample window closed"
                : "the recording stopped (" + (reason == null ? "?" : reason.description())
                + ") before its first sample window closed (1 s)";
    }

    static long intervalNanos(double rateHz) {
        return Math.round(1e9 / rateHz);
    }

    private static void report(StopReason reason, long pid, int dropped, PrintWriter err) {
        if (reason == StopReason.TARGET_EXITED) {
            err.println("JVM " + pid + " exited; writing what was sampled.");
        } else if (reason == StopReason.AGENT_STOPPED) {
            err.println("jspy: warning: the agent stopped sampling early: jspy did not run for over 2.5 s "
                    + "(an overloaded machine?); writing what was sampled.");
        }
        if (dropped > 0) {
            err.println("jspy: warning: " + dropped + " recording file(s) were dropped unread because jspy fell behind.");
        }
    }
}
