package jspy.cli;

import jspy.cli.base.ExitCode;
import jspy.cli.base.JspyException;

/**
 * The JVM a command attaches to: {@code -p PID}, or the PID alone ({@code jspy top 1234}), as asprof
 * and jstack take it. One check for record, top and dump, so the three accept and refuse the same.
 */
final class TargetPid {
    private TargetPid() {
    }

    /** {@code option}: -p's value; {@code bare}: the PID given alone; either may be null, not both. */
    static long of(Long option, Long bare) {
        if (option != null && bare != null && !option.equals(bare)) {
            throw new JspyException(ExitCode.USAGE, "two PIDs given: -p " + option + " and " + bare, "give one");
        }
        Long pid = option != null ? option : bare;
        if (pid == null) {
            throw new JspyException(ExitCode.USAGE, "no target given", "pass -p PID; find it with jps or pgrep java");
        }
        if (pid <= 0) {
            throw new JspyException(ExitCode.USAGE, "invalid PID " + pid, "a PID is a positive number");
        }
        return pid;
    }
}
