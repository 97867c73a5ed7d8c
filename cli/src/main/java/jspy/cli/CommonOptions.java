package jspy.cli;

import picocli.CommandLine.Option;

/** Options every subcommand has. */
public final class CommonOptions {
    /** Read by the one error path; a static because the handler has no command instance. */
    static volatile boolean verbose;

    @Option(names = "--verbose", description = "Print stack traces and attach details on failure.")
    void setVerbose(boolean v) {
        verbose = v;
    }
}
