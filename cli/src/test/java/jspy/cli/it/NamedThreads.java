package jspy.cli.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Targets for top's thread view, run from source (java TopNames.java, JEP 330) so the test-apps
 * module needs no scenario that only these tests use. TopNames: two threads spinning in
 * TopNames.spin, one with a long pool-style name and one whose name holds ESC, BEL and a tab, and
 * four threads all named {@code backend-conn} waiting for a lock main holds. TopVirtual (JDK 21+):
 * {@value #VIRTUAL} unnamed virtual threads asleep.
 */
final class NamedThreads implements AutoCloseable {
    static final int SAME_NAME = 4;
    static final int VIRTUAL = 300;
    static final String SOURCE = """
            import java.nio.file.*;
            import java.util.concurrent.locks.ReentrantLock;
            public class TopNames {
                static volatile long sink;
                static final ReentrantLock LOCK = new ReentrantLock();
                static final class Worker extends Thread {
                    Worker(String name) { super(name); setDaemon(true); }
                    @Override public void run() { if (getName().equals("backend-conn")) { LOCK.lock(); } else { spin(); } }
                }
                static void spin() { while (true) { sink += Math.sqrt(sink + 1); } }
                public static void main(String[] args) throws Exception {
                    LOCK.lock();
                    new Worker("ForkJoinPool-1-worker-with-a-rather-long-name-3").start();
                    new Worker("evil\\u001b[31mred\\u0007bell\\tname").start();
                    for (int i = 0; i < %d; i++) {
                        new Worker("backend-conn").start();
                    }
                    while (LOCK.getQueueLength() < %d) {
                        Thread.sleep(10);
                    }
                    Files.writeString(Path.of(System.getProperty("jspy.ready")), "");
                    Thread.sleep(Long.MAX_VALUE);
                }
            }
            """.formatted(SAME_NAME, SAME_NAME);
    /** By reflection, so that it also compiles where there are no virtual threads (then it fails loudly). */
    static final String VIRTUAL_SOURCE = """
            import java.nio.file.*;
            public class TopVirtual {
                public static void main(String[] args) throws Exception {
                    Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
                    var start = Class.forName("java.lang.Thread$Builder").getMethod("start", Runnable.class);
                    for (int i = 0; i < %d; i++) {
                        start.invoke(builder, (Runnable) () -> {
                            try { Thread.sleep(Long.MAX_VALUE); } catch (InterruptedException e) { }
                        });
                    }
                    Files.writeString(Path.of(System.getProperty("jspy.ready")), "");
                    Thread.sleep(Long.MAX_VALUE);
                }
            }
            """.formatted(VIRTUAL);

    private final Process process;

    private NamedThreads(Process process) {
        this.process = process;
    }

    static NamedThreads start(int jdk, Path dir) throws Exception {
        return start(jdk, dir, "TopNames", SOURCE);
    }

    static NamedThreads virtual(int jdk, Path dir) throws Exception {
        return start(jdk, dir, "TopVirtual", VIRTUAL_SOURCE);
    }

    private static NamedThreads start(int jdk, Path dir, String name, String text) throws Exception {
        Path source = Files.writeString(dir.resolve(name + ".java"), text);
        Path ready = dir.resolve(name + "-" + jdk + ".ready");
        ProcessBuilder pb = new ProcessBuilder(Jdks.java(jdk).toString(), "-Djspy.ready=" + ready, source.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve(name + "-" + jdk + ".out").toFile());
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        NamedThreads app = new NamedThreads(pb.start());
        long deadline = System.currentTimeMillis() + 60_000;
        while (!Files.exists(ready)) {
            if (!app.process.isAlive() || System.currentTimeMillis() > deadline) {
                app.close();
                throw new AssertionError(name + " on JDK " + jdk + " did not start: "
                        + Files.readString(dir.resolve(name + "-" + jdk + ".out")));
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
