package jspy.cli.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A target for top's thread view: two threads spinning in TopNames.spin, one with a long pool-style
 * name and one whose name holds ESC, BEL and a tab. Run from source (java TopNames.java, JEP 330)
 * so the test-apps module needs no scenario that only this test uses.
 */
final class NamedThreads implements AutoCloseable {
    static final String SOURCE = """
            import java.nio.file.*;
            public class TopNames {
                static volatile long sink;
                static final class Worker extends Thread {
                    Worker(String name) { super(name); setDaemon(true); }
                    @Override public void run() { spin(); }
                }
                static void spin() { while (true) { sink += Math.sqrt(sink + 1); } }
                public static void main(String[] args) throws Exception {
                    new Worker("ForkJoinPool-1-worker-with-a-rather-long-name-3").start();
                    new Worker("evil\\u001b[31mred\\u0007bell\\tname").start();
                    Files.writeString(Path.of(System.getProperty("jspy.ready")), "");
                    Thread.sleep(Long.MAX_VALUE);
                }
            }
            """;

    private final Process process;

    private NamedThreads(Process process) {
        this.process = process;
    }

    static NamedThreads start(int jdk, Path dir) throws Exception {
        Path source = Files.writeString(dir.resolve("TopNames.java"), SOURCE);
        Path ready = dir.resolve("TopNames-" + jdk + ".ready");
        ProcessBuilder pb = new ProcessBuilder(Jdks.java(jdk).toString(), "-Djspy.ready=" + ready, source.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("TopNames-" + jdk + ".out").toFile());
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        NamedThreads app = new NamedThreads(pb.start());
        long deadline = System.currentTimeMillis() + 60_000;
        while (!Files.exists(ready)) {
            if (!app.process.isAlive() || System.currentTimeMillis() > deadline) {
                app.close();
                throw new AssertionError("TopNames on JDK " + jdk + " did not start: "
                        + Files.readString(dir.resolve("TopNames-" + jdk + ".out")));
            }
            Thread.sleep(50);
        }
        return app;
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
