package jspy.cli.record;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import jspy.cli.attach.LaunchSession;
import jspy.cli.base.ExitCode;
import jspy.cli.base.JspyException;
import jspy.cli.profile.Frames;
import jspy.cli.profile.Profile;
import jspy.cli.profile.TargetInfo;
import jspy.cli.sample.Accumulator;
import jspy.cli.sample.SampleStream;
import jspy.cli.sample.Window;

/**
 * {@code jspy record -- command}: run the command with its stdin, stdout and exit code untouched,
 * and profile every JVM it starts from their first instruction.
 */
public final class LaunchedRecording implements AutoCloseable {
    private static final long FORWARD_WAIT_SECONDS = 10;

    private final List<String> command;
    private final LaunchSession session;
    private final Process process;
    private final Thread stderrCopy;
    private final long started = System.nanoTime();

    private LaunchedRecording(List<String> command, LaunchSession session, Process process, Thread stderrCopy) {
        this.command = command;
        this.session = session;
        this.process = process;
        this.stderrCopy = stderrCopy;
    }

    public static LaunchedRecording start(List<String> command, long intervalNanos) {
        LaunchSession session = LaunchSession.prepare(intervalNanos, 1000);
        String user = System.getenv("JAVA_TOOL_OPTIONS");
        String combined = session.toolOptions() + (user == null || user.isBlank() ? "" : " " + user);
        ProcessBuilder pb = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.INHERIT)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT).redirectError(ProcessBuilder.Redirect.PIPE);
        pb.environment().put("JAVA_TOOL_OPTIONS", combined);
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            session.close();
            throw new JspyException(ExitCode.LAUNCH_FAILED, "cannot run '" + command.get(0) + "': " + e.getMessage(),
                    "check the command and your PATH");
        }
        Thread copy = new Thread(new StderrFilter(process.getErrorStream(), System.err, combined,
                user == null || user.isBlank() ? null : user), "jspy-stderr");
        copy.setDaemon(true);
        copy.start();
        return new LaunchedRecording(command, session, process, copy);
    }

    /** Samples until the command ends, the duration passes or a signal comes. */
    public Profile record(double rateHz, Double duration, boolean idle, boolean threads, boolean subprocesses,
                          boolean timeline, boolean lines, PrintWriter err) {
        Accumulator acc = new Accumulator(this::processFrame, timeline);
        TreeSet<Long> jvms = new TreeSet<>();
        List<String> waitNotes;
        try (SampleStream stream = SampleStream.launched(session, process, duration, lines)) {
            while (stream.hasNext()) {
                Window w = stream.next();
                // The command's first JVM always; the JVMs it starts only with --subprocesses.
                if (subprocesses || jvms.isEmpty() || jvms.first() == w.pid() || w.pid() == process.pid()) {
                    jvms.add(w.pid());
                    acc.add(w);
                }
            }
            AttachedRecording.skipped(stream.skipped(), err);
            waitNotes = stream.waitNotes();
        }
        TreeSet<String> versions = new TreeSet<>();
        TreeSet<String> jdbc = new TreeSet<>();
        for (long pid : jvms) {
            TargetInfo info = session.info(pid);
            if (info != null) {
                versions.add(info.javaVersion());
            }
            jdbc.addAll(session.agents().get(pid).jdbcClasses());
        }
        acc.jdbcClasses(jdbc);
        double seconds = (System.nanoTime() - started) / 1e9;
        TargetInfo info = new TargetInfo(process.pid(), describe(command), String.join("/", versions), jvms.size());
        Profile profile = acc.profile(info, seconds, rateHz, idle, threads);
        return jvms.isEmpty() ? profile.withNotes(List.of("the command started no JVM (jspy profiles JVMs only; "
                + "a JVM that ignores JAVA_TOOL_OPTIONS is not seen)")) : profile.plusNotes(waitNotes);
    }

    private String processFrame(long pid) {
        TargetInfo info = session.info(pid);
        return Frames.processFrame(pid, info == null ? null : info.mainClass());
    }

    /**
     * Waits for the command (it keeps running after -d) and returns its exit code, 128+N for signal
     * N. When jspy itself was signalled, the signal is passed on: SIGTERM and SIGHUP at once (they
     * are usually sent to jspy alone), SIGINT only if the command still runs 2 s later (Ctrl-C on
     * a terminal reaches the whole process group already; a second one means "force" to some
     * tools). A command that ignores it is left running after a bounded wait, and jspy says so.
     */
    public int waitForCommand(String signal, PrintWriter err) {
        try {
            if (signal != null && !process.waitFor(signal.equals("SIGINT") ? 2 : 0, TimeUnit.SECONDS)) {
                forward(signal);
                if (!process.waitFor(FORWARD_WAIT_SECONDS, TimeUnit.SECONDS)) {
                    err.println("jspy: the command (pid " + process.pid() + ") still runs " + FORWARD_WAIT_SECONDS
                            + " s after " + signal + "; jspy exits and leaves it running (hint: kill " + process.pid() + ")");
                    err.flush();
                    return 128 + signalNumber(signal);
                }
            }
            int code = process.waitFor();
            stderrCopy.join(2000);
            return code;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCode.ERROR.code();
        }
    }

    private void forward(String signal) {
        try {
            new ProcessBuilder("kill", "-" + signal.substring(3), Long.toString(process.pid()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        } catch (IOException e) {
            process.destroy(); // no kill(1): SIGTERM through the JDK
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int signalNumber(String signal) {
        return switch (signal) {
            case "SIGHUP" -> 1;
            case "SIGINT" -> 2;
            default -> 15;
        };
    }

    public static void announce(List<String> command, int rateHz, Double duration, PrintWriter err) {
        err.println("jspy: profiling the JVMs of '" + describe(command) + "' at " + rateHz + " Hz.");
        if (duration != null) {
            err.println("jspy: writing the outputs after " + duration + " s, then waiting for the command to end "
                    + "(Ctrl-C stops it).");
        }
        err.flush();
    }

    private static String describe(List<String> command) {
        String all = String.join(" ", command);
        return all.length() <= 80 ? all : all.substring(0, 77) + "...";
    }

    @Override
    public void close() {
        session.close();
    }
}
