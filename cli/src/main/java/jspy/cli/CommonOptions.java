package jspy.cli;

import jspy.cli.base.Log;
import picocli.CommandLine.Option;

/** Options every subcommand has. */
public final class CommonOptions {
    @Option(names = "--verbose", description = "Print each step jspy takes, and stack traces on failure.")
    void setVerbose(boolean v) {
        Log.setVerbose(v);
    }
}
