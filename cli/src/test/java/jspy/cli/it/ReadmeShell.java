package jspy.cli.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * README blocks run as a user runs them: bash (with -e and pipefail, so a failing command fails
 * the block) in a scratch directory, where {@code jspy} on PATH is this checkout's ./jspy
 * launcher, which runs the built jar. Whatever a block leaves running in its directory (a
 * background JVM, a server) is killed afterwards.
 */
final class ReadmeShell {
    final Path dir;
    private final Path bin;

    private ReadmeShell(Path dir, Path bin) {
        this.dir = dir;
        this.bin = bin;
    }

    static ReadmeShell in(Path dir) throws IOException {
        Path bin = Files.createDirectories(dir.resolve(".bin"));
        Path launcher = ReadmeExamples.repo().resolve("jspy");
        if (!Files.isExecutable(launcher) || !Files.exists(Path.of(System.getProperty("jspy.jar")))) {
            throw new AssertionError("no built jspy at " + launcher + ": run 'mvn -B package' first");
        }
        Files.createSymbolicLink(bin.resolve("jspy"), launcher);
        return new ReadmeShell(dir, bin);
    }

    record Result(int code, String out, String err) {
        /** What the block printed: its stdout, then its stderr. */
        String printed() {
            return out + err;
        }
    }

    /** A block running in the background; bash hands a single command its own process (exec). */
    Process start(String name, String script, Map<String, String> env) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("bash", "-e", "-o", "pipefail", "-c", script).directory(dir.toFile())
                .redirectOutput(dir.resolve(name + ".out").toFile()).redirectError(dir.resolve(name + ".err").toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        pb.environment().remove("JAVA_TOOL_OPTIONS"); // the suite may itself run under 'jspy record --'
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        return p;
    }

    /** A shell command line that runs script as {@link #start} does, for a terminal (tmux). */
    String commandLine(String name, String script) throws IOException {
        Path file = dir.resolve(name + ".sh");
        Files.writeString(file, script + "\n", StandardCharsets.UTF_8);
        return "cd '" + dir + "' && env -u JAVA_TOOL_OPTIONS PATH='" + bin + "':\"$PATH\" bash -e -o pipefail '"
                + file + "' 2> '" + dir.resolve(name + ".err") + "'";
    }

    Result run(String name, String script, long timeoutSeconds) throws Exception {
        return run(name, script, Map.of(), timeoutSeconds);
    }

    Result run(String name, String script, Map<String, String> env, long timeoutSeconds) throws Exception {
        Process p = start(name, script, env);
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("README block '" + name + "' did not finish in " + timeoutSeconds
                    + " s; stderr:\n" + read(name + ".err"));
        }
        return new Result(p.exitValue(), read(name + ".out"), read(name + ".err"));
    }

    String read(String file) throws IOException {
        Path f = dir.resolve(file);
        return Files.exists(f) ? Files.readString(f, StandardCharsets.UTF_8) : "";
    }

    /** Kills every process whose working directory is in this shell's directory: what the blocks left. */
    void killLeftovers() {
        ProcessHandle.allProcesses().filter(p -> inDir(p.pid())).forEach(ProcessHandle::destroyForcibly);
    }

    private boolean inDir(long pid) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "cwd")).startsWith(dir);
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false; // gone, or not ours to read
        }
    }

    /** The bundled demo service, as the README's quick start runs it: {@code java -jar test-apps/target/demo.jar}. */
    static final class Demo implements AutoCloseable {
        private final Process process;

        private Demo(Process process) {
            this.process = process;
        }

        static Demo start(Path dir) throws Exception {
            Path jar = ReadmeExamples.repo().resolve("test-apps/target/demo.jar");
            if (!Files.exists(jar)) {
                throw new AssertionError("no " + jar + ": run 'mvn -B package' first");
            }
            Path ready = dir.resolve("demo.ready");
            ProcessBuilder pb = new ProcessBuilder(List.of(Jdks.java(17).toString(), "-Djspy.ready=" + ready,
                    "-jar", jar.toString())).directory(dir.toFile())
                    .redirectOutput(dir.resolve("demo.out").toFile()).redirectError(dir.resolve("demo.err").toFile());
            pb.environment().remove("JAVA_TOOL_OPTIONS");
            Demo demo = new Demo(pb.start());
            long deadline = System.currentTimeMillis() + 90_000;
            while (!Files.exists(ready)) {
                if (!demo.process.isAlive() || System.currentTimeMillis() > deadline) {
                    demo.close();
                    throw new AssertionError("the demo did not get ready; stderr: "
                            + Files.readString(dir.resolve("demo.err")));
                }
                Thread.sleep(100);
            }
            return demo;
        }

        long pid() {
            return process.pid();
        }

        @Override
        public void close() throws InterruptedException {
            process.descendants().forEach(ProcessHandle::destroyForcibly); // its H2 server
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
