package jspy.cli;

import picocli.CommandLine.Option;

/** Line numbers in Java frame names, for the commands that name frames from JFR (record, top, flamegraph). */
public final class LinesOption {
    /**
     * async-profiler's own form ({@code collapsed,lines} and jfr-converter's {@code --lines} write
     * {@code method:LINE}), not py-spy's {@code function (file:line)}: a JVM frame's name already says
     * its class, the file adds nothing, and files written by either tool merge and diff frame by frame.
     */
    @Option(names = "--lines", description = "Add the line number to each Java frame, as in "
            + "com/acme/Parser.parse:42. Off by default: the samples of a method merge into one frame.")
    boolean on;

    public boolean on() {
        return on;
    }
}
