package jspy.cli;

import picocli.CommandLine.Option;

/** Target and sampling options shared by the commands that sample. */
public final class SamplingOptions {
    @Option(names = {"-p", "--pid"}, paramLabel = "PID", description = "The JVM to profile.")
    Long pid;

    @Option(names = {"-r", "--rate"}, paramLabel = "HZ", defaultValue = "100",
            description = "Samples per second per thread (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--idle", description = "Also show idle threads (sleeping, parked, waiting).")
    boolean idle;

    long intervalNanos() {
        if (rate < 1 || rate > 10_000) {
            throw new JspyException(ExitCode.USAGE, "rate " + rate + " Hz is out of range",
                    "use 1 to 10000; 100 is the default, 1000 costs about 5% CPU");
        }
        return 1_000_000_000L / rate;
    }

    long requirePid() {
        if (pid == null) {
            throw new JspyException(ExitCode.USAGE, "no target given", "pass -p PID (find it with jps or pgrep java)");
        }
        if (pid <= 0) {
            throw new JspyException(ExitCode.USAGE, "invalid PID " + pid, "a PID is a positive number");
        }
        return pid;
    }
}
