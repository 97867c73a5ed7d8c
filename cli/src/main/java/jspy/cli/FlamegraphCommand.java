package jspy.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until flamegraph lands. */
@Command(name = "flamegraph", mixinStandardHelpOptions = true, description = "Not implemented yet.")
public final class FlamegraphCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new JspyException(ExitCode.ERROR, "'jspy flamegraph' is not implemented yet", "use 'jspy record'");
    }
}
