package jspy.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until diff lands. */
@Command(name = "diff", mixinStandardHelpOptions = true, description = "Not implemented yet.")
public final class DiffCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new JspyException(ExitCode.ERROR, "'jspy diff' is not implemented yet", "use 'jspy record'");
    }
}
