package jspy.cli.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real jspy CLI (the built jar) in its own process, as a user runs it. */
final class JspyRun {
    final Process process;
    private final Path out;
    private final Path err;

    private JspyRun(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    static JspyRun start(Path workDir, String... args) throws IOException {
        return start(List.of(), workDir, args);
    }

    /** The same with JVM options for jspy's own JVM, e.g. a small -Xmx. */
    static JspyRun start(List<String> jvmArgs, Path workDir, String... args) throws IOException {
        String jar = System.getProperty("jspy.jar");
        if (jar == null || !Files.exists(Path.of(jar))) {
            throw new AssertionError("jspy.jar not built (" + jar + "): run 'mvn verify'");
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmArgs);
        cmd.add("-jar");
        cmd.add(jar);
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(workDir, "jspy", ".out");
        Path err = Files.createTempFile(workDir, "jspy", ".err");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        Process p = pb.start();
        return new JspyRun(p, out, err);
    }

    /** Runs to completion (at most timeoutSeconds) and returns the exit code. */
    static JspyRun run(Path workDir, long timeoutSeconds, String... args) throws Exception {
        JspyRun r = start(workDir, args);
        r.await(timeoutSeconds);
        return r;
    }

    int await(long timeoutSeconds) throws InterruptedException, IOException {
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("jspy did not finish in " + timeoutSeconds + " s; stderr: " + stderr());
        }
        return process.exitValue();
    }

    int exitCode() {
        return process.exitValue();
    }

    String stdout() throws IOException {
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    String stderr() throws IOException {
        return Files.readString(err, StandardCharsets.UTF_8);
    }

    /** Sends a signal to the jspy JVM itself (not a launcher script, not the target). */
    void signal(String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new AssertionError("kill -" + name + " failed");
        }
    }
}
