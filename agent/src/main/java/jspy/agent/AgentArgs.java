package jspy.agent;

import java.io.File;
import java.io.IOException;

/**
 * The agent's arguments, keys from {@link Protocol}:
 * {@code dir=<session dir>,interval=<ns>,period=<ms>[,launch=1][,mode=dump]}.
 *
 * <p>{@code mode=dump} (jspy dump) writes one thread dump into the directory and returns: no
 * profiler, no thread of ours.
 *
 * <p>With {@code launch=1} (jspy record -- command) every JVM of the command tree shares one
 * directory: each writes into its own {@code <dir>/<pid>/} and reads the CLI's heartbeat and
 * stop files from {@code <dir>}.
 */
final class AgentArgs {
    final File dir;
    final File controlDir;
    final long intervalNanos;
    final long periodMillis;
    final boolean dump;

    private AgentArgs(File dir, File controlDir, long intervalNanos, long periodMillis, boolean dump) {
        this.dir = dir;
        this.controlDir = controlDir;
        this.intervalNanos = intervalNanos;
        this.periodMillis = periodMillis;
        this.dump = dump;
    }

    static AgentArgs parse(String args) {
        String dir = null;
        long interval = 10_000_000L;
        long period = 1000L;
        boolean launch = false;
        boolean dump = false;
        for (String part : (args == null ? "" : args).split(",")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = part.substring(0, eq);
            String value = part.substring(eq + 1);
            if (key.equals(Protocol.ARG_DIR)) {
                dir = value;
            } else if (key.equals(Protocol.ARG_INTERVAL)) {
                interval = Long.parseLong(value);
            } else if (key.equals(Protocol.ARG_PERIOD)) {
                period = Long.parseLong(value);
            } else if (key.equals(Protocol.ARG_LAUNCH)) {
                launch = value.equals("1");
            } else if (key.equals(Protocol.ARG_MODE)) {
                dump = value.equals(Protocol.MODE_DUMP);
            }
        }
        if (dir == null || interval <= 0 || period <= 0) {
            throw new IllegalArgumentException("bad agent arguments: " + args);
        }
        File control = new File(dir);
        if (!launch) {
            return new AgentArgs(control, control, interval, period, dump);
        }
        File own = new File(control, ownPid());
        if (!own.mkdir() && !own.isDirectory()) {
            throw new IllegalArgumentException("cannot create " + own);
        }
        return new AgentArgs(own, control, interval, period, dump);
    }

    /** Our PID without loading java.lang.management into a JVM that is just starting. */
    private static String ownPid() {
        try {
            return new File("/proc/self").getCanonicalFile().getName();
        } catch (IOException e) {
            throw new IllegalArgumentException("no /proc/self", e);
        }
    }
}
