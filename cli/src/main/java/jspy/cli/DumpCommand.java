package jspy.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder until dump lands. */
@Command(name = "dump", mixinStandardHelpOptions = true, description = "Not implemented yet.")
public final class DumpCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new JspyException(ExitCode.ERROR, "'jspy dump' is not implemented yet", "use 'jspy record'");
    }
}
