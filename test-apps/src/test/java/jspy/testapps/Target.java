package jspy.testapps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * One test app running as a real child JVM, with its output captured to files and its threads
 * inspected through {@code jcmd Thread.print}, the way an outside tool sees them.
 */
final class Target implements AutoCloseable {

    private static final Path JAVA_HOME = Path.of(System.getProperty("java.home"));
    private static final long READY_TIMEOUT_MILLIS = 30_000;
    private static final long THREAD_TIMEOUT_MILLIS = 10_000;

    final Process process;
    private final Path ready;
    private final Path out;
    private final Path err;
    private final long startNanos = System.nanoTime();

    private Target(Process process, Path ready, Path out, Path err) {
        this.process = process;
        this.ready = ready;
        this.out = out;
        this.err = err;
    }

    static Target launch(Path dir, Class<?> app) throws IOException {
        Path ready = dir.resolve(app.getSimpleName() + ".ready");
        Path out = dir.resolve(app.getSimpleName() + ".out");
        Path err = dir.resolve(app.getSimpleName() + ".err");
        // Surefire runs with useManifestOnlyJar=false, so this is the real class path:
        // target/classes plus the h2 jar (and test jars the app never touches).
        ProcessBuilder pb = new ProcessBuilder(JAVA_HOME.resolve("bin/java").toString(),
                "-Djspy.ready=" + ready, "-cp", System.getProperty("java.class.path"), app.getName())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        // .ci/run records this suite under 'jspy record -- mvn test': the apps must start as
        // users start them, without the agent (and without the JVM's note about it on stderr).
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        Process process = pb.start();
        return new Target(process, ready, out, err);
    }

    /** Waits for the ready file; returns how long the app took, in milliseconds. */
    long awaitReady() throws Exception {
        long deadline = System.currentTimeMillis() + READY_TIMEOUT_MILLIS;
        while (!Files.exists(ready)) {
            if (!process.isAlive()) {
                fail("exited with " + process.exitValue() + " before ready: " + read(err));
            }
            if (System.currentTimeMillis() > deadline) {
                fail("not ready after " + READY_TIMEOUT_MILLIS + " ms: " + read(err));
            }
            Thread.sleep(20);
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    /** awaitThread for PREFIX1 to PREFIXcount: a group of identical waiters (Ready.startAll's). */
    void awaitThreads(String prefix, int count, String... fragments) throws Exception {
        for (int i = 1; i <= count; i++) {
            awaitThread(prefix + i, fragments);
        }
    }

    /**
     * Waits until the thread dump shows the named thread with every expected fragment in its
     * block. Polled rather than checked once: a looping thread may be between two waits.
     */
    void awaitThread(String name, String... fragments) throws Exception {
        long deadline = System.currentTimeMillis() + THREAD_TIMEOUT_MILLIS;
        String dump;
        Optional<String> block;
        do {
            dump = threadDump();
            block = threadBlock(dump, name);
            if (block.isPresent() && Arrays.stream(fragments).allMatch(block.get()::contains)) {
                return;
            }
            Thread.sleep(100);
        } while (System.currentTimeMillis() < deadline);
        fail("thread " + name + " never showed " + List.of(fragments) + "; last seen:\n"
                + block.orElse("(no such thread)\n" + dump));
    }

    String threadDump() throws Exception {
        Process jcmd = new ProcessBuilder(JAVA_HOME.resolve("bin/jcmd").toString(),
                Long.toString(process.pid()), "Thread.print")
                .redirectErrorStream(true)
                .start();
        String text = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, jcmd.waitFor(), text);
        return text;
    }

    /** A thread's block of a dump: its header line up to the next blank line. */
    static Optional<String> threadBlock(String dump, String name) {
        return Arrays.stream(dump.split("\\R\\R"))
                .map(String::strip)
                .filter(b -> b.startsWith("\"" + name + "\""))
                .findFirst();
    }

    List<ProcessHandle> descendants() {
        return process.descendants().collect(Collectors.toList());
    }

    /** Stops the app the polite way (SIGTERM: shutdown hooks run) and waits for it to go. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("did not exit on SIGTERM");
        }
    }

    /** Both output files, for asserting the target printed nothing at all. */
    String output() throws IOException {
        return read(out) + read(err);
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }

    /** Kills the app and everything it started, whatever state the test left them in. */
    @Override
    public void close() throws InterruptedException {
        List<ProcessHandle> children = descendants();
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
