package jspy.cli;

import jspy.cli.base.StopSignal;
import jspy.cli.base.JspyException;
import jspy.cli.base.ExitCode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import jspy.cli.output.Format;
import jspy.cli.output.OutputFiles;
import jspy.cli.output.Summary;
import jspy.cli.profile.Profile;
import jspy.cli.record.AttachedRecording;
import jspy.cli.record.Budget;
import jspy.cli.record.LaunchedRecording;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code jspy record}: sample a JVM (or a command's JVMs) and write flame graphs. */
@Command(name = "record", mixinStandardHelpOptions = true, addMethodSubcommands = false, sortOptions = false,
        description = {"Record a running JVM's threads to a flame graph coloured by what they do: "
                + "cpu, socket, poll, jdbc, pool, lock, io, await, jvm (and idle with --idle).",
            "With -- COMMAND, run the command and profile every JVM it starts (its stdin, stdout and exit "
                + "code pass through)."})
@Main.Usage(exitCodes = {ExitCode.OK, ExitCode.ERROR, ExitCode.USAGE, ExitCode.NO_SUCH_PROCESS, ExitCode.NOT_A_JVM,
    ExitCode.PERMISSION, ExitCode.ATTACH_REFUSED, ExitCode.ATTACH_FAILED, ExitCode.OUTPUT, ExitCode.BUDGET,
    ExitCode.LAUNCH_FAILED}, moreExitCodes = "other:with a command, the command's own exit code when it fails")
public final class RecordCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SamplingOptions sampling;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Where to write; - for standard output (default: <pid>-<timestamp>.<format>).")
    Path output;

    @Option(names = {"-d", "--duration"}, paramLabel = "SECONDS",
            description = "Stop after this many seconds (default: until Ctrl-C or the JVM exits). "
                    + "With a command, the command keeps running.")
    Double duration;

    @Option(names = {"-t", "--threads"}, description = "Give each thread its own root frame.")
    boolean threads;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", split = ",",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: what -o's extension names, else svg). "
                    + "Several, comma-separated, write one file each, named by extension.",
            converter = FormatConverter.class, completionCandidates = FormatConverter.Names.class)
    List<Format> formats;

    @Option(names = "--fail-if", paramLabel = "BUDGET", converter = BudgetConverter.class,
            description = "Exit with code 9 after writing if a budget is exceeded: BUCKET>N%% "
                    + "(e.g. 'jdbc>30%%') or BUCKET:METHOD>N%% (e.g. 'cpu:com.acme.Parser.parse>10%%'). Repeatable.")
    List<Budget> budgets = new ArrayList<>();

    @Option(names = "--subprocesses", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "With a command: also profile the JVMs its JVMs start (default: on).")
    boolean subprocesses;

    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "A command to run and profile, after --.")
    List<String> command = new ArrayList<>();

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        barePid();
        sampling.nativeTrim.apply();
        long interval = sampling.intervalNanos();
        if (duration != null && (duration.isNaN() || !(duration > 0))) {
            throw new JspyException(ExitCode.USAGE, "duration must be positive, got " + duration,
                    "pass -d SECONDS, or leave it out to record until Ctrl-C");
        }
        if (!command.isEmpty() && sampling.pid != null) {
            throw new JspyException(ExitCode.USAGE, "both -p and a command given", "attach with -p PID, or launch with "
                    + "-- COMMAND, not both");
        }
        String base = command.isEmpty() ? Long.toString(sampling.requirePid()) : "jspy";
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Map<Format, Path> files = OutputFiles.resolve(output, formats, base + "-" + stamp, spec.commandLine().getErr());
        boolean timeline = files.keySet().stream().anyMatch(Format::timeline);
        StopSignal.install();
        PrintWriter err = spec.commandLine().getErr();
        if (command.isEmpty()) {
            SamplingOptions.Rate rate = sampling.rateForJvm(sampling.pid);
            Profile profile = AttachedRecording.record(new AttachedRecording.Request(sampling.pid, rate.hz(), rate.note(),
                    duration, sampling.idle, threads, timeline, sampling.lines()), err);
            return writeAndGate(profile, files, err);
        }
        try (LaunchedRecording launched = LaunchedRecording.start(command, interval)) {
            LaunchedRecording.announce(command, sampling.rate(), duration, err);
            Profile profile = launched.record(sampling.rate(), duration, sampling.idle, threads, subprocesses,
                    timeline, sampling.lines(), err);
            int gate = writeAndGate(profile, files, err);
            int commandExit = launched.waitForCommand(StopSignal.received(), err);
            // The command's own failure keeps its meaning; the budget only fails a passing run.
            return commandExit != 0 ? commandExit : gate;
        }
    }

    /** {@code jspy record 1234}: a single number and no -p is the PID, as asprof takes it. */
    private void barePid() {
        if (sampling.pid == null && command.size() == 1 && command.get(0).matches("\\d{1,10}")) {
            sampling.pid = Long.parseLong(command.get(0));
            command.clear();
        }
    }

    private int writeAndGate(Profile profile, Map<Format, Path> files, PrintWriter err) {
        for (Map.Entry<Format, Path> e : files.entrySet()) {
            OutputFiles.write(e.getKey(), profile, e.getValue());
        }
        err.println(Summary.recorded(files, profile));
        if (profile.shownSamples() > 0) {
            for (String note : profile.notes()) {
                err.println("jspy: " + note + ".");
            }
        }
        String rateNote = profile.rateNote();
        if (rateNote != null) {
            err.println("jspy: warning: sampling fell behind: " + rateNote
                    + " (hint: a lower --rate, or fewer threads, keeps up)");
        }
        List<String> exceeded = new ArrayList<>();
        for (Budget b : budgets) {
            String unmatched = b.unmatched(profile);
            if (unmatched != null) {
                err.println("jspy: warning: " + unmatched);
            }
            String v = b.violation(profile);
            if (v != null) {
                exceeded.add(v);
            }
        }
        if (!exceeded.isEmpty()) {
            err.println("jspy: budget exceeded: " + String.join(", ", exceeded)
                    + " (hint: see the flame graph for where the time goes)");
        }
        err.flush();
        return exceeded.isEmpty() ? ExitCode.OK.code() : ExitCode.BUDGET.code();
    }

    static final class BudgetConverter implements picocli.CommandLine.ITypeConverter<Budget> {
        @Override
        public Budget convert(String value) {
            try {
                return Budget.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
