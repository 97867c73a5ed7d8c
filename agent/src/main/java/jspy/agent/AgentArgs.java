package jspy.agent;

import java.io.File;
import java.io.IOException;

/**
 * The agent's arguments: {@code dir=<session dir>,interval=<ns>,period=<ms>[,launch=1]}.
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

    private AgentArgs(File dir, File controlDir, long intervalNanos, long periodMillis) {
        this.dir = dir;
        this.controlDir = controlDir;
        this.intervalNanos = intervalNanos;
        this.periodMillis = periodMillis;
    }

    static AgentArgs parse(String args) {
        String dir = null;
        long interval = 10_000_000L;
        long period = 1000L;
        boolean launch = false;
        for (String part : (args == null ? "" : args).split(",")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = part.substring(0, eq);
            String value = part.substring(eq + 1);
            if (key.equals("dir")) {
                dir = value;
            } else if (key.equals("interval")) {
                interval = Long.parseLong(value);
            } else if (key.equals("period")) {
                period = Long.parseLong(value);
            } else if (key.equals("launch")) {
                launch = value.equals("1");
            }
        }
        if (dir == null || interval <= 0 || period <= 0) {
            throw new IllegalArgumentException("bad agent arguments: " + args);
        }
        File control = new File(dir);
        if (!launch) {
            return new AgentArgs(control, control, interval, period);
        }
        File own = new File(control, ownPid());
        if (!own.mkdir() && !own.isDirectory()) {
            throw new IllegalArgumentException("cannot create " + own);
        }
        return new AgentArgs(own, control, interval, period);
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
