package jspy.cli.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import jspy.cli.attach.SafetyFixtures;

/**
 * A target for the safety tests, started the way a user would: under another uid, with options in
 * the environment or an argfile, inside namespaces. Its classpath is copied into a work directory
 * every user can read (the suite's own lives under /root/.m2), under /var/tmp ({@link #workDir}).
 */
final class SafetyTarget implements AutoCloseable {
    final Process process;
    final Path out;
    final Path err;
    final Path ready;
    private static Path root;

    private SafetyTarget(Process process, Path out, Path err, Path ready) {
        this.process = process;
        this.out = out;
        this.err = err;
        this.ready = ready;
    }

    /**
     * A work directory every user can reach and a private or linked /tmp cannot hide: under
     * /var/tmp, whatever the checkout's path. Under the checkout, a clone in /tmp vanished behind
     * the private /tmp, and one under a home of mode 700 was closed to the test user: both ended in
     * "Could not find or load main class jspy.testapps.SocketApp". Removed when the test JVM exits.
     */
    static Path workDir(String name) throws IOException {
        Path dir = root().resolve(name + "-" + System.nanoTime());
        return SafetyFixtures.openDir(dir);
    }

    private static synchronized Path root() throws IOException {
        if (root == null) {
            root = SafetyFixtures.openDir(Path.of("/var/tmp", "jspy-it-" + ProcessHandle.current().pid()));
            Path made = root;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(made)));
        }
        return root;
    }

    private static void delete(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // left for the system's /var/tmp cleaning
        }
    }

    /** The test-apps classpath, copied into work. */
    static String classpath(Path work) throws IOException {
        String cp = System.getProperty("jspy.testapps.classpath");
        if (cp == null || cp.isBlank()) {
            throw new AssertionError("jspy.testapps.classpath not set: run the integration tests with 'mvn verify'");
        }
        List<String> out = new ArrayList<>();
        for (String entry : cp.split(":")) {
            Path copy = work.resolve(Path.of(entry).getFileName());
            Files.copy(Path.of(entry), copy, StandardCopyOption.REPLACE_EXISTING);
            copy.toFile().setReadable(true, false);
            out.add(copy.toString());
        }
        return String.join(":", out);
    }

    /** wrapper + java jvmArgs -cp ... jspy.testapps.SocketApp, with env added; not awaited. */
    static SafetyTarget start(Path work, int jdk, List<String> wrapper, Map<String, String> env, String... jvmArgs)
            throws IOException {
        Path ready = work.resolve("ready-" + System.nanoTime());
        List<String> cmd = new ArrayList<>(wrapper);
        cmd.add(Jdks.java(jdk).toString());
        cmd.addAll(List.of(jvmArgs));
        cmd.addAll(List.of("-Djspy.ready=" + ready, "-cp", classpath(work), "jspy.testapps.SocketApp"));
        Path out = work.resolve("out-" + System.nanoTime());
        Path err = work.resolve("err-" + System.nanoTime());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().putAll(env);
        return new SafetyTarget(pb.start(), out, err, ready);
    }

    SafetyTarget awaitReady() throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (!Files.exists(ready)) {
            if (!process.isAlive() || System.currentTimeMillis() > deadline) {
                throw new AssertionError("target did not get ready: " + printed());
            }
            Thread.sleep(50);
        }
        return this;
    }

    /** The JVM itself, below any wrapper (runuser, unshare, sh). */
    long pid() {
        if (process.info().command().orElse("").endsWith("/java")) {
            return process.pid();
        }
        return process.descendants().filter(p -> p.info().command().orElse("").endsWith("/java"))
                .mapToLong(ProcessHandle::pid).findFirst().orElseThrow(() -> new AssertionError("no java below "
                        + process.pid()));
    }

    boolean jvmAlive() {
        return ProcessHandle.of(pid()).map(ProcessHandle::isAlive).orElse(false);
    }

    String printed() throws IOException {
        return Files.readString(out, StandardCharsets.UTF_8) + Files.readString(err, StandardCharsets.UTF_8);
    }

    static void signal(long pid, String signal) throws Exception {
        if (new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor() != 0) {
            throw new AssertionError("kill -" + signal + " " + pid + " failed");
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
