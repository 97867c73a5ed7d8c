package jspy.cli.serve;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import jspy.cli.attach.AgentSession;
import jspy.cli.attach.TargetJvm;
import jspy.cli.profile.Bucket;
import jspy.cli.profile.Profile;
import jspy.cli.profile.Sample;
import jspy.cli.profile.TargetInfo;
import jspy.cli.sample.Accumulator;
import jspy.cli.sample.SampleStream;
import jspy.cli.sample.StopReason;
import jspy.cli.sample.Window;

/**
 * One JVM that serve samples: its agent session, a thread looping over its sample stream, the
 * counters /metrics reports, and the /profile captures it feeds. Memory stays flat: each window is
 * classified and dropped; only the per-bucket counters stay.
 */
final class Profiled {
    /**
     * 5 s windows: each costs the target one JFR chunk (~2 ms, measured for record's 1 s windows),
     * so 0.04% of a core instead of 0.2%. A /profile of N seconds does not wait for them: it asks
     * the agent for window edges where it starts and ends (see Capture).
     */
    static final long WINDOW_MILLIS = 5000;

    final long pid;
    final String app;
    final boolean explicit;
    private final AgentSession session;
    private final SampleStream stream;
    private final List<Capture> captures = new CopyOnWriteArrayList<>();
    private final double[] wallSeconds = new double[Bucket.values().length];
    private long samples;
    private Accumulator pushed; // windows since the last push, when --push is on
    private long pushedFrom = Long.MAX_VALUE;
    private long pushedUntil;
    private volatile int threads;
    private volatile boolean up = true;

    private Profiled(long pid, String app, boolean explicit, AgentSession session) {
        this.pid = pid;
        this.app = app;
        this.explicit = explicit;
        this.session = session;
        this.stream = SampleStream.served(session);
    }

    /** Attaches and starts the loop thread; throws JspyException when the JVM refuses. */
    static Profiled attach(long pid, String app, boolean explicit, double rateHz) {
        AgentSession session = AgentSession.start(TargetJvm.inspect(pid), Math.round(1e9 / rateHz), WINDOW_MILLIS);
        String name = app != null ? app : shortName(session.info().mainClass(), pid);
        Profiled p = new Profiled(pid, name, explicit, session);
        Thread loop = new Thread(p::run, "jspy-serve-" + pid);
        loop.setDaemon(true);
        loop.start();
        return p;
    }

    /** The app label when --app is not given: the main class without its package. */
    static String shortName(String mainClass, long pid) {
        if (mainClass == null || mainClass.isBlank()) {
            return "pid" + pid;
        }
        String s = mainClass.strip().split("\\s+")[0];
        if (s.endsWith(".jar")) {
            s = s.substring(s.lastIndexOf('/') + 1, s.length() - ".jar".length()); // java -jar /opt/app.jar: app
            return s;
        }
        return s.substring(s.lastIndexOf('.') + 1);
    }

    TargetInfo info() {
        return session.info();
    }

    private void run() {
        try {
            while (stream.hasNext()) {
                fold(stream.next());
            }
        } finally {
            up = false;
            captures.forEach(Capture::targetEnded);
            captures.clear();
            stream.close();
            session.close();
            StopReason why = stream.stopReason();
            // A restarted JVM has a new PID, which -p cannot know; --all --include finds it.
            String follow = explicit && why == StopReason.TARGET_EXITED
                    ? " (hint: a restart gets a new PID; --all --include REGEX follows restarts)" : "";
            ServeLog.info(session.unconfirmedStop() != null ? session.unconfirmedStop() + " (" + app + ")"
                    : "stopped sampling JVM " + pid + " (" + app + "): " + (why == null ? "?" : why.description())
                    + follow);
        }
    }

    private void fold(Window w) {
        for (Capture c : captures) {
            if (c.add(w, session.jdbcClasses())) {
                captures.remove(c);
            }
        }
        Accumulator acc = new Accumulator(null, false);
        acc.jdbcClasses(session.jdbcClasses());
        acc.add(w);
        Profile window = acc.profile(session.info(), w.seconds(), 0, true, false);
        double perSample = w.weight() > 0 ? w.threads() * w.seconds() / w.weight() : 0;
        synchronized (this) {
            if (pushed != null) {
                pushed.jdbcClasses(session.jdbcClasses());
                pushed.add(w);
                pushedFrom = Math.min(pushedFrom, w.startNanos());
                pushedUntil = Math.max(pushedUntil, w.endNanos());
            }
            for (Sample s : window.samples()) {
                wallSeconds[s.bucket().ordinal()] += s.count() * perSample;
                samples += s.count();
            }
        }
        if (!w.virtual()) {
            threads = w.threads(); // a virtual-thread dump window counts unmounted virtual threads only
        }
    }

    /** Starts keeping windows for --push. */
    synchronized void keepForPush() {
        pushed = new Accumulator(null, false);
    }

    /** The windows since the last call, idle included (Pyroscope filters by bucket), or null when none. */
    synchronized Slice takePushed() {
        if (pushed == null || pushed.samples() == 0) {
            return null;
        }
        Profile p = pushed.profile(session.info(), pushed.windowSeconds(), 0, true, false);
        Slice slice = new Slice(p, pushedFrom / 1_000_000_000L, (pushedUntil + 999_999_999L) / 1_000_000_000L);
        pushed = new Accumulator(null, false);
        pushedFrom = Long.MAX_VALUE;
        pushedUntil = 0;
        return slice;
    }

    /** A push: the profile of [from, until], in epoch seconds. */
    record Slice(Profile profile, long from, long until) {
    }

    /** Feeds the capture from now on, and asks the agent for a window edge so that it starts now. */
    void capture(Capture c) {
        if (up) {
            captures.add(c);
            requestWindowEdge();
        } else {
            c.targetEnded();
        }
    }

    /** Asks the agent to close its window now rather than at the end of its period. */
    void requestWindowEdge() {
        if (up) {
            session.dir().requestWindowEdge();
        }
    }

    /** Thread-seconds per bucket (indexed by ordinal) and samples so far. */
    synchronized Counters counters() {
        return new Counters(wallSeconds.clone(), samples, threads, up);
    }

    record Counters(double[] wallSeconds, long samples, int threads, boolean up) {
        double share(Bucket b) {
            double total = 0;
            for (double s : wallSeconds) {
                total += s;
            }
            return total > 0 ? wallSeconds[b.ordinal()] / total : 0;
        }
    }

    boolean up() {
        return up;
    }

    /** Ends sampling; the loop drains the last window and closes the session. */
    void stop(StopReason why) {
        stream.stop(why);
    }
}
