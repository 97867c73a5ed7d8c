package jspy.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import jspy.cli.attach.AgentSession;
import jspy.cli.attach.TargetJvm;
import jspy.cli.output.Format;
import jspy.cli.output.OutputFiles;
import jspy.cli.output.Summary;
import jspy.cli.profile.Collapsed;
import jspy.cli.profile.Profile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code jspy record}: sample a JVM until the duration ends, Ctrl-C, SIGTERM or the JVM exits. */
@Command(name = "record", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Record a running JVM's threads to a flame graph coloured by what they do: "
                + "cpu, socket, poll, jdbc, lock, io, jvm (and idle with --idle).")
public final class RecordCommand implements Callable<Integer> {
    private static final String TARGET_EXITED = "target exited";

    @Spec
    CommandSpec spec;

    @Mixin
    SamplingOptions sampling;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Where to write (default: <pid>-<timestamp>.<format>).")
    Path output;

    @Option(names = {"-d", "--duration"}, paramLabel = "SECONDS",
            description = "Stop after this many seconds (default: until Ctrl-C or the JVM exits).")
    Double duration;

    @Option(names = {"-t", "--threads"}, description = "Give each thread its own root frame.")
    boolean threads;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "svg", split = ",",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). "
                    + "Several, comma-separated, write one file each, named by extension.",
            converter = FormatConverter.class, completionCandidates = FormatConverter.Names.class)
    List<Format> formats;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        long pid = sampling.requirePid();
        long interval = sampling.intervalNanos();
        if (duration != null && !(duration > 0)) {
            throw new JspyException(ExitCode.USAGE, "duration must be positive, got " + duration,
                    "pass -d SECONDS, or leave it out to record until Ctrl-C");
        }
        Map<Format, Path> files = OutputFiles.resolve(output, formats, pid + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        StopSignal.install();
        PrintWriter err = spec.commandLine().getErr();
        TargetJvm target = TargetJvm.inspect(pid);
        Profile profile;
        try (AgentSession session = AgentSession.start(target, interval, 1000)) {
            long started = System.nanoTime();
            err.println("Sampling " + session.info().describe() + " at " + sampling.rate + " Hz"
                    + (duration != null ? " for " + duration + " s" : "") + ". Press Control-C to stop.");
            err.flush();
            String reason = loop(session, started);
            String snapshot;
            if (reason.equals(TARGET_EXITED)) {
                err.println("JVM " + pid + " exited; writing what was sampled.");
                session.poll(); // the agent's exit hook wrote a final snapshot
                snapshot = session.latest();
            } else {
                snapshot = session.finish();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            profile = new Profile(session.info(), Collapsed.parse(snapshot, session.jdbcClasses()), seconds,
                    sampling.rate, sampling.idle, threads);
        }
        for (Map.Entry<Format, Path> e : files.entrySet()) {
            OutputFiles.write(e.getKey(), profile, e.getValue());
            err.println(Summary.wrote(e.getKey(), e.getValue().toString(), profile));
        }
        err.flush();
        return ExitCode.OK.code();
    }

    /** Returns why recording stopped. */
    private String loop(AgentSession session, long started) {
        long deadline = duration == null ? Long.MAX_VALUE : started + (long) (duration * 1e9);
        while (true) {
            if (StopSignal.received() != null) {
                return StopSignal.received();
            }
            if (System.nanoTime() >= deadline) {
                return "duration";
            }
            if (!session.target().alive()) {
                return TARGET_EXITED;
            }
            session.heartbeat();
            session.poll();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
        }
    }
}
