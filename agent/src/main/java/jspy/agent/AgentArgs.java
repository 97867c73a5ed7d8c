package jspy.agent;

import java.io.File;

/** The agent's arguments: {@code dir=<session dir>,interval=<ns>,period=<ms>}. */
final class AgentArgs {
    final File dir;
    final long intervalNanos;
    final long periodMillis;

    private AgentArgs(File dir, long intervalNanos, long periodMillis) {
        this.dir = dir;
        this.intervalNanos = intervalNanos;
        this.periodMillis = periodMillis;
    }

    static AgentArgs parse(String args) {
        String dir = null;
        long interval = 10_000_000L;
        long period = 1000L;
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
            }
        }
        if (dir == null || interval <= 0 || period <= 0) {
            throw new IllegalArgumentException("bad agent arguments: " + args);
        }
        return new AgentArgs(new File(dir), interval, period);
    }
}
