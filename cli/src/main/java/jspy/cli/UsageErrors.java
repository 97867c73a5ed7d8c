package jspy.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jspy.cli.base.ExitCode;
import jspy.cli.base.Printable;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * picocli's usage errors in jspy's words: one line with a hint, exit code 2. A number that does
 * not parse says what the number is and shows one that would ({@code '10s' is not a number of
 * seconds (hint: -d 10)}) instead of picocli's {@code '10s' is not a double}.
 */
final class UsageErrors implements IParameterExceptionHandler {
    /** What each numeric parameter label means, and an example value when the option has no default. */
    private static final Map<String, List<String>> NUMBERS = Map.of(
            "SECONDS", List.of("a number of seconds", "10"),
            "HZ", List.of("a whole number of samples per second", Integer.toString(SamplingOptions.DEFAULT_RATE)),
            "N", List.of("a whole number", "100"),
            "PID", List.of("a PID", "1234"));
    private static final Set<Class<?>> NUMERIC = Set.of(Double.class, double.class, Float.class, float.class,
            Integer.class, int.class, Long.class, long.class);
    static final String NO_TARGET = "no target given (hint: pass -p PID; find it with jps or pgrep java)";

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        err.println("jspy: " + describe(e));
        err.flush();
        return ExitCode.USAGE.code();
    }

    static String describe(ParameterException e) {
        if (e instanceof MissingParameterException m && m.getMissing().stream().anyMatch(UsageErrors::isPid)) {
            return NO_TARGET;
        }
        String number = notANumber(e);
        if (number != null) {
            return number;
        }
        String help = "see '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'";
        List<String> suggestions = e instanceof UnmatchedArgumentException u ? u.getSuggestions() : List.of();
        String command = unknownCommand(e);
        if (command != null) {
            return "unknown command '" + Printable.of(command) + "' (hint: " + (suggestions.isEmpty()
                    ? "the commands are " + String.join(", ", e.getCommandLine().getSubcommands().keySet()) + "; "
                    : "did you mean '" + suggestions.get(0) + "'? ") + help + ")";
        }
        return e.getMessage() + " (hint: "
                + (suggestions.isEmpty() ? help : "did you mean '" + suggestions.get(0) + "'? " + help) + ")";
    }

    /**
     * 'jspy recrod': the word where a command belongs, or null. picocli says "Unmatched argument at
     * index 0: 'recrod'", which names neither what was expected nor why; its suggestions (n-gram
     * similarity to the visible commands, {@link UnmatchedArgumentException#getSuggestions}) name
     * the closest command.
     */
    private static String unknownCommand(ParameterException e) {
        if (e instanceof UnmatchedArgumentException u && !u.isUnknownOption() && !u.getUnmatched().isEmpty()
                && !e.getCommandLine().getSubcommands().isEmpty()) {
            return u.getUnmatched().get(0);
        }
        return null;
    }

    /** '10s' is not a number of seconds (hint: -d 10), or null if e is about something else. */
    private static String notANumber(ParameterException e) {
        ArgSpec arg = e.getArgSpec();
        // Only picocli's built-in number converters: jspy's own converters (-f, --fail-if) already
        // throw TypeConversionExceptions in jspy's words.
        if (arg == null || !(e.getCause() instanceof TypeConversionException) || !NUMERIC.contains(arg.type())) {
            return null;
        }
        List<String> meaning = NUMBERS.getOrDefault(arg.paramLabel(), List.of("a number", "10"));
        String example = arg.defaultValue() != null ? arg.defaultValue() : meaning.get(1);
        String hint = arg instanceof OptionSpec o ? o.shortestName() + " " + example : example;
        return "'" + e.getValue() + "' is not " + meaning.get(0) + " (hint: " + hint
                + (isPid(arg) ? "; find it with jps or pgrep java" : "") + ")";
    }

    private static boolean isPid(ArgSpec arg) {
        return "PID".equals(arg.paramLabel());
    }
}
