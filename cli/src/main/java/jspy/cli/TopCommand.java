package jspy.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until top lands. */
@Command(name = "top", mixinStandardHelpOptions = true, description = "Not implemented yet.")
public final class TopCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new JspyException(ExitCode.ERROR, "'jspy top' is not implemented yet", "use 'jspy record'");
    }
}
