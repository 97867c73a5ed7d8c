package jspy.cli.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A test-apps scenario running in its own JVM; close() kills it and its children. */
final class TargetApp implements AutoCloseable {
    private final Process process;
    private final boolean wrapped;
    private final Path stdout;
    private final Path stderr;

    private TargetApp(Process process, boolean wrapped, Path stdout, Path stderr) {
        this.process = process;
        this.wrapped = wrapped;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Starts jspy.testapps.&lt;mainClass&gt; on the given JDK and waits until it says it is ready. */
    static TargetApp start(int jdk, String mainClass, Path workDir, String... jvmArgs) throws Exception {
        return start(List.of(), jdk, mainClass, workDir, jvmArgs);
    }

    /** The same with classPrefix before the test-apps class path (a stand-in class the JVM finds first). */
    static TargetApp startWithClasspathPrefix(int jdk, String mainClass, Path workDir, String classPrefix)
            throws Exception {
        return start(List.of(), classPrefix, jdk, mainClass, workDir);
    }

    /** The same, run under a wrapper command such as {@code unshare --pid --fork --mount-proc}. */
    static TargetApp start(List<String> wrapper, int jdk, String mainClass, Path workDir, String... jvmArgs)
            throws Exception {
        return start(wrapper, "", jdk, mainClass, workDir, jvmArgs);
    }

    private static TargetApp start(List<String> wrapper, String classPrefix, int jdk, String mainClass, Path workDir,
                                   String... jvmArgs) throws Exception {
        String classpath = System.getProperty("jspy.testapps.classpath");
        if (classpath == null || classpath.isBlank()) {
            throw new AssertionError("jspy.testapps.classpath not set: run the integration tests with 'mvn verify'");
        }
        Path ready = workDir.resolve(mainClass + "-" + jdk + ".ready");
        Files.deleteIfExists(ready);
        List<String> cmd = new ArrayList<>(wrapper);
        cmd.add(Jdks.java(jdk).toString());
        cmd.addAll(List.of(jvmArgs));
        cmd.add("-Djspy.ready=" + ready);
        cmd.add("-cp");
        cmd.add(classPrefix + classpath);
        cmd.add("jspy.testapps." + mainClass);
        Path out = workDir.resolve(mainClass + "-" + jdk + ".out");
        Path err = workDir.resolve(mainClass + "-" + jdk + ".err");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        // When the suite itself runs under 'jspy record -- mvn ...', targets must start unprofiled.
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        Process p = pb.start();
        TargetApp app = new TargetApp(p, !wrapper.isEmpty(), out, err);
        long deadline = System.currentTimeMillis() + 60_000;
        while (!Files.exists(ready)) {
            if (!p.isAlive() || System.currentTimeMillis() > deadline) {
                app.close();
                throw new AssertionError(mainClass + " on JDK " + jdk + " did not get ready; stderr: " + app.stderr());
            }
            Thread.sleep(50);
        }
        return app;
    }

    /** The JVM's PID as we see it (under a wrapper: the java process below it). */
    long pid() {
        if (!wrapped) {
            return process.pid(); // its own children (an H2 server) are JVMs too
        }
        return process.descendants().filter(p -> p.info().command().orElse("").endsWith("/java"))
                .mapToLong(ProcessHandle::pid).findFirst().orElse(process.pid());
    }

    Process process() {
        return process;
    }

    String stdout() throws IOException {
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }

    String stderr() throws IOException {
        return Files.readString(stderr, StandardCharsets.UTF_8);
    }

    private static boolean isJava(ProcessHandle p) {
        return p.info().command().orElse("").endsWith("/java");
    }

    /** Whatever the target printed; jspy must never add a byte to either stream. */
    String printed() throws IOException {
        return stdout() + stderr();
    }

    @Override
    public void close() throws InterruptedException {
        // JVMs (the target, under a wrapper too) go at once. The scenario's servers (Redis,
        // PostgreSQL) stop by themselves and delete their files when its pipe to them closes:
        // they get 10 s for that before what is left is killed.
        List<ProcessHandle> children = process.descendants().toList();
        children.stream().filter(TargetApp::isJava).forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (ProcessHandle child : children) {
            while (child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            child.destroyForcibly();
        }
    }
}
