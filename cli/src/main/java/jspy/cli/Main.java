package jspy.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The jspy command line: a sampling profiler for running JVMs. */
@Command(name = "jspy", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Sampling profiler for running JVMs: see whether threads burn CPU or wait, "
                + "and on what.",
        subcommands = {RecordCommand.class, TopCommand.class, DumpCommand.class, FlamegraphCommand.class,
            DiffCommand.class, CommandLine.HelpCommand.class})
public final class Main {
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs jspy in this JVM and returns its exit code; tests call this directly. */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExitCodeExceptionMapper(Main::exitCode);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> report(commandLine.getErr(), e));
        cli.setParameterExceptionHandler((e, args1) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println("jspy: " + e.getMessage() + " (hint: see '" + e.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help')");
            err.flush();
            return ExitCode.USAGE.code();
        });
        cli.getSubcommands().values().forEach(sub -> sub.getCommandSpec().usageMessage().exitCodeList(ExitCode.helpList()));
        return cli.execute(args);
    }

    static int report(PrintWriter err, Exception e) {
        if (e instanceof JspyException je) {
            err.println(je.oneLine());
            if (CommonOptions.verbose) {
                e.printStackTrace(err);
            }
            err.flush();
            return je.exitCode().code();
        }
        err.println("jspy: unexpected " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage())
                + (CommonOptions.verbose ? "" : " (hint: run again with --verbose and report the trace)"));
        if (CommonOptions.verbose) {
            e.printStackTrace(err);
        }
        err.flush();
        return ExitCode.ERROR.code();
    }

    private static int exitCode(Throwable t) {
        return t instanceof JspyException je ? je.exitCode().code() : ExitCode.ERROR.code();
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"jspy " + (v == null ? "(development build)" : v)};
        }
    }
}
