package jspy.testapps;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * What every scenario shares: named threads, waiting until a thread really sits where the scenario
 * wants it, and the readiness file. The tests attach as soon as the file exists, so it is created
 * only once each thread is observed in its steady state, not merely started.
 */
final class Ready {

    /** A thread body that may throw: a failure should end the thread loudly, not be swallowed. */
    interface Body {
        void run() throws Exception;
    }

    private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);

    /**
     * Set when the JVM begins to exit. Shutdown hooks tear things down under running threads
     * (the H2 server goes first), and the failures that follow must not be printed: the tests
     * require a target that is silent from start to kill.
     */
    private static volatile boolean exiting;

    private Ready() {
    }

    /** Starts a non-daemon thread: the scenario must keep the JVM alive until it is killed. */
    static Thread start(String name, Body body) {
        Thread thread = new Thread(() -> {
            try {
                body.run();
            } catch (Exception e) {
                if (!exiting) {
                    throw new IllegalStateException(name + " failed", e);
                }
            }
        }, name);
        thread.start();
        return thread;
    }

    /** Called first by shutdown hooks that break or stop things other threads are using. */
    static void markExiting() {
        exiting = true;
    }

    static boolean isExiting() {
        return exiting;
    }

    /**
     * Starts threads named PREFIX1 to PREFIXcount, each running the body, and waits until each
     * shows the frame: the scenarios' groups of identical clients or waiters.
     */
    static void startAll(String prefix, int count, String frameSuffix, Body body) {
        for (int i = 1; i <= count; i++) {
            awaitFrame(start(prefix + i, body), frameSuffix);
        }
    }

    /** A thread some library started, by its name. */
    /** The thread of that name, waited for up to 30 s: a library may start it a moment after the call that asks for it. */
    static Thread named(String name) {
        long deadline = System.nanoTime() + TIMEOUT_NANOS;
        while (true) {
            java.util.Optional<Thread> found = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals(name)).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("no thread named " + name + " within 30 s");
            }
            sleepMillis(50);
        }
    }

    /** Waits until one of the thread's frames is {@code Class.method} ending with a suffix. */
    static void awaitFrame(Thread thread, String frameSuffix) {
        awaitCondition(thread, frameSuffix, () -> Arrays.stream(thread.getStackTrace())
                .anyMatch(f -> (f.getClassName() + "." + f.getMethodName()).endsWith(frameSuffix)));
    }

    static void awaitState(Thread thread, Thread.State state) {
        awaitCondition(thread, state.toString(), () -> thread.getState() == state);
    }

    private interface Condition {
        boolean holds();
    }

    private static void awaitCondition(Thread thread, String what, Condition condition) {
        long deadline = System.nanoTime() + TIMEOUT_NANOS;
        while (!condition.holds()) {
            if (!thread.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException(thread.getName() + " never reached " + what);
            }
            sleepMillis(5);
        }
    }

    /** Creates the (empty) file named by -Djspy.ready, if any. */
    static void signal() {
        String path = System.getProperty("jspy.ready");
        if (path == null || path.isEmpty()) {
            return;
        }
        try {
            Files.newOutputStream(Path.of(path)).close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Signals readiness, then parks the calling (main) thread in a plain sleep: an idle thread. */
    static void signalAndSleepForever() {
        signal();
        while (true) {
            sleepMillis(Long.MAX_VALUE);
        }
    }

    static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
