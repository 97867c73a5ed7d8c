package jspy.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import jspy.cli.base.ExitCode;
import jspy.cli.base.JspyException;
import jspy.cli.base.Log;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Spec;

/** The jspy command line: a sampling profiler for running JVMs. */
@Command(name = "jspy", mixinStandardHelpOptions = true, addMethodSubcommands = false,
        versionProvider = Main.Version.class, description = "Sampling profiler for running JVMs: see whether threads burn CPU or wait, "
                + "and on what.")
public final class Main implements Callable<Integer> {
    private static final List<String> VERSION = List.of("-V", "--version");
    /** The subcommands, in the order help lists them. */
    private static final List<String> SUBCOMMANDS =
            List.of("record", "top", "dump", "flamegraph", "diff", "serve", "completions", "help");

    @Spec
    CommandSpec spec;

    /**
     * What a subcommand's --help says about it beyond its options: the exit codes it can return
     * (their meanings come from {@link ExitCode}), and the options it requires that a shared
     * mixin declares as optional (top's -p: record shares SamplingOptions but launches without one).
     */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @interface Usage {
        ExitCode[] exitCodes();

        /** Further "code:meaning" lines, for what ExitCode cannot name (a launched command's own code). */
        String[] moreExitCodes() default {};

        String[] requiredOptions() default {};
    }

    /**
     * Bare 'jspy': the usage with the commands, on stderr, and exit 2. picocli said only "Missing
     * required subcommand". py-spy prints its help to stderr and exits 2 (clap's
     * arg_required_else_help); git prints its usage and exits 1. 2, because in jspy 1 means an
     * unexpected error ("run with --verbose") and 2 an invalid command line, which a script's
     * 'jspy $cmd' with an empty $cmd is; stderr, so that 'jspy > out.svg' gets no help text.
     */
    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        spec.commandLine().usage(err);
        err.println("jspy: no command given (hint: pick one above, e.g. 'jspy top -p PID'; 'jspy help COMMAND' "
                + "shows its options)");
        err.flush();
        return ExitCode.USAGE.code();
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs jspy in this JVM and returns its exit code; tests call this directly. */
    public static int run(String... args) {
        String first = args.length > 0 ? args[0] : null;
        if (first != null && SUBCOMMANDS.contains(first) && !first.equals("help")) {
            return alone(first).execute(Arrays.copyOfRange(args, 1, args.length));
        }
        return commandLine(args.length == 1 && VERSION.contains(first) ? "" : null).execute(args);
    }

    /**
     * One subcommand on its own, named "jspy NAME" so that its usage and hints read as under the
     * parent. picocli builds each command's model by reflection, and on 'jspy dump' the model of
     * jspy itself (standard help mixin, converters) took more CPU than the subcommand's
     * (async-profiler on the CLI, JDK 17, 2026-11-30): nothing of it is needed once the first
     * argument names the subcommand. jspy itself has no options a subcommand inherits.
     */
    static CommandLine alone(String name) {
        CommandLine sub = new CommandLine(subcommand(name));
        sub.setCommandName("jspy " + name);
        applyUsage(sub);
        return handlers(sub);
    }

    /**
     * jspy's command line with every subcommand, or none when {@code only} is empty: 'jspy
     * --version' built all eight, and took 330 ms against 229 ms before serve and completions
     * were added (bench, 2026-11-30). All are needed for top-level help, a typo that needs
     * suggestions, 'help', and completion scripts.
     */
    static CommandLine commandLine(String only) {
        CommandLine cli = new CommandLine(new Main());
        if (!"".equals(only)) {
            SUBCOMMANDS.forEach(name -> cli.addSubcommand(name, subcommand(name)));
        }
        cli.getSubcommands().values().forEach(Main::applyUsage);
        return handlers(cli);
    }

    private static CommandLine handlers(CommandLine cli) {
        cli.setExitCodeExceptionMapper(Main::exitCode);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> report(commandLine.getErr(), e));
        cli.setParameterExceptionHandler(new UsageErrors());
        return cli;
    }

    /** A switch, not a map of constructor references: each lambda costs start-up time too. */
    private static Object subcommand(String name) {
        return switch (name) {
            case "record" -> new RecordCommand();
            case "top" -> new TopCommand();
            case "dump" -> new DumpCommand();
            case "flamegraph" -> new FlamegraphCommand();
            case "diff" -> new DiffCommand();
            case "serve" -> new ServeCommand();
            case "completions" -> new CompletionsCommand();
            case "help" -> new CommandLine.HelpCommand();
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static void applyUsage(CommandLine sub) {
        Usage usage = sub.getCommand().getClass().getAnnotation(Usage.class);
        if (usage == null) {
            return; // picocli's own help command
        }
        CommandSpec spec = sub.getCommandSpec();
        Map<String, String> meanings = ExitCode.helpList();
        Map<String, String> codes = new LinkedHashMap<>();
        for (ExitCode c : usage.exitCodes()) {
            String key = Integer.toString(c.code());
            codes.put(key, meanings.get(key));
        }
        for (String line : usage.moreExitCodes()) {
            codes.put(line.substring(0, line.indexOf(':')), line.substring(line.indexOf(':') + 1));
        }
        spec.usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(codes);
        spec.versionProvider(new Version()); // 'jspy record -V' printed nothing: picocli does not inherit it
        for (String name : usage.requiredOptions()) {
            // Re-adds every option in order, so the required one keeps its place in --help.
            OptionSpec required = spec.findOption(name);
            List<OptionSpec> options = List.copyOf(spec.options());
            options.forEach(spec::remove);
            options.forEach(o -> spec.addOption(o == required ? OptionSpec.builder(o).required(true).build() : o));
        }
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

    /**
     * jspy's version and commit and async-profiler's version, from the build.properties that
     * 'mvn package' writes into the jar, and the Java runtime jspy runs on (with the release
     * tarball, its own bundled one).
     */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            Properties build = new Properties();
            try (InputStream in = Main.class.getResourceAsStream("/jspy/build.properties")) {
                if (in != null) {
                    build.load(in);
                }
            } catch (IOException e) {
                // an unreadable jar fails later with a clearer error; the version says "unknown"
            }
            return new String[] {
                "jspy " + build.getProperty("version", "(development build)")
                    + " (commit " + build.getProperty("commit", "unknown") + ")",
                "async-profiler " + build.getProperty("async-profiler", "unknown"),
                "runtime: Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor")
                    + ", " + System.getProperty("java.vm.name") + ") at " + System.getProperty("java.home")};
        }
    }
}
