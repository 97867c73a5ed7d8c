package jspy.cli;

import jspy.cli.base.Log;
import jspy.cli.base.JspyException;
import jspy.cli.base.ExitCode;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The jspy command line: a sampling profiler for running JVMs. */
@Command(name = "jspy", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Sampling profiler for running JVMs: see whether threads burn CPU or wait, "
                + "and on what.")
public final class Main {
    /** The subcommands, in the order help lists them. */
    private static final List<String> SUBCOMMANDS = List.of("record", "top", "dump", "flamegraph", "diff", "help");

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs jspy in this JVM and returns its exit code; tests call this directly. */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        // picocli builds each subcommand's model by reflection, about a third of a short run's
        // start-up (measured with async-profiler on 'jspy dump'): build only the one named, or all
        // when none is (top-level help, a typo that needs suggestions, 'help').
        if (args.length > 0 && SUBCOMMANDS.contains(args[0]) && !args[0].equals("help")) {
            cli.addSubcommand(args[0], subcommand(args[0]));
        } else {
            SUBCOMMANDS.forEach(name -> cli.addSubcommand(name, subcommand(name)));
        }
        cli.setExitCodeExceptionMapper(Main::exitCode);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> report(commandLine.getErr(), e));
        cli.setParameterExceptionHandler((e, args1) -> {
            PrintWriter err = e.getCommandLine().getErr();
            String help = "see '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'";
            List<String> suggestions = e instanceof CommandLine.UnmatchedArgumentException u ? u.getSuggestions() : List.of();
            err.println("jspy: " + e.getMessage() + " (hint: "
                    + (suggestions.isEmpty() ? help : "did you mean '" + suggestions.get(0) + "'? " + help) + ")");
            err.flush();
            return ExitCode.USAGE.code();
        });
        cli.getSubcommands().values().forEach(sub -> sub.getCommandSpec().usageMessage().exitCodeList(ExitCode.helpList()));
        return cli.execute(args);
    }

    /** A switch, not a map of constructor references: each lambda costs start-up time too. */
    private static Object subcommand(String name) {
        return switch (name) {
            case "record" -> new RecordCommand();
            case "top" -> new TopCommand();
            case "dump" -> new DumpCommand();
            case "flamegraph" -> new FlamegraphCommand();
            case "diff" -> new DiffCommand();
            case "help" -> new CommandLine.HelpCommand();
            default -> throw new IllegalArgumentException(name);
        };
    }

    static int report(PrintWriter err, Exception e) {
        if (e instanceof JspyException je) {
            err.println(je.oneLine());
            if (Log.verbose()) {
                e.printStackTrace(err);
            }
            err.flush();
            return je.exitCode().code();
        }
        err.println("jspy: unexpected " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage())
                + (Log.verbose() ? "" : " (hint: run again with --verbose and report the trace)"));
        if (Log.verbose()) {
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
