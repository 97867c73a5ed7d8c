package jspy.cli.record;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import jspy.cli.base.ExitCode;
import jspy.cli.base.JspyException;
import jspy.cli.attach.LaunchSession;
import jspy.cli.profile.Collapsed;
import jspy.cli.profile.Frames;
import jspy.cli.profile.Profile;
import jspy.cli.profile.Sample;
import jspy.cli.profile.TargetInfo;

/**
 * {@code jspy record -- command}: run the command with its stdin, stdout and exit code untouched,
 * and profile every JVM it starts from their first instruction.
 */
public final class LaunchedRecording extends Recording implements AutoCloseable {
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

    /** Samples until the command ends, the duration passes or a signal comes; then collects. */
    public Profile record(int rateHz, Double duration, boolean idle, boolean threads, boolean subprocesses) {
        long deadline = deadline(started, duration);
        while (process.isAlive() && stopReason(deadline) == null) {
            session.heartbeat();
            session.poll();
            if (!pause(50)) {
                break;
            }
        }
        session.finish();
        double seconds = (System.nanoTime() - started) / 1e9;
        List<Sample> samples = new ArrayList<>();
        TreeSet<String> versions = new TreeSet<>();
        int jvms = 0;
        for (LaunchSession.Jvm jvm : session.jvms()) {
            if (!subprocesses && jvm.info().pid() != process.pid() && jvms > 0) {
                continue;
            }
            jvms++;
            versions.add(jvm.info().javaVersion());
            String root = Frames.processFrame(jvm.info().pid(), jvm.info().mainClass());
            for (Sample s : Collapsed.parse(jvm.snapshot(), jvm.jdbcClasses())) {
                samples.add(s.inProcess(root));
            }
        }
        TargetInfo info = new TargetInfo(process.pid(), describe(command), String.join("/", versions), jvms);
        return new Profile(info, samples, seconds, rateHz, idle, threads);
    }

    /** Waits for the command (it keeps running after -d) and returns its exit code, 128+N for signal N. */
    public int waitForCommand() {
        try {
            int code = process.waitFor();
            stderrCopy.join(2000);
            return code;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCode.ERROR.code();
        }
    }

    public static void announce(List<String> command, int rateHz, PrintWriter err) {
        err.println("jspy: profiling the JVMs of '" + describe(command) + "' at " + rateHz + " Hz.");
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
