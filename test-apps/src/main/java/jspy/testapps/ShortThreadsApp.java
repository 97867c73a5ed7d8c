package jspy.testapps;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Short-lived threads beside steady ones, as {@code CompletableFuture.supplyAsync} makes on a
 * 2-CPU machine (a new thread per task): the main thread starts a thread {@code short-N} every
 * 50 ms that spins 20 ms and sleeps 180 ms, then ends; two threads spin and two sleep all along.
 * Each short thread's life (epoch nanoseconds, from its first to its last instruction) is appended
 * as "NAME START END" to the file named by -Djspy.lifetimes, if given, for the tests to add up.
 */
public final class ShortThreadsApp {
    static final long SPAWN_MILLIS = 50;
    static final long SPIN_MILLIS = 20;
    static final long LIFE_MILLIS = 200;

    private ShortThreadsApp() {
    }

    public static void main(String[] args) throws Exception {
        String log = System.getProperty("jspy.lifetimes");
        Path lifetimes = log == null || log.isEmpty() ? null : Path.of(log);
        for (int i = 1; i <= 2; i++) {
            Ready.awaitState(Ready.start("steady-busy-" + i, () -> CpuApp.spin()), Thread.State.RUNNABLE);
        }
        Ready.startAll("steady-sleep-", 2, "Thread.sleep", () -> Ready.sleepMillis(Long.MAX_VALUE));
        Ready.signal();
        for (long n = 1; ; n++) {
            Thread t = new Thread(() -> shortLife(lifetimes), "short-" + n);
            t.setDaemon(true);
            t.start();
            Ready.sleepMillis(SPAWN_MILLIS);
        }
    }

    private static void shortLife(Path lifetimes) {
        long start = epochNanos();
        long spinUntil = System.nanoTime() + SPIN_MILLIS * 1_000_000;
        long x = 1;
        while (System.nanoTime() < spinUntil) {
            x = x * 6364136223846793005L + 1442695040888963407L;
        }
        CpuApp.sink = x;
        Ready.sleepMillis(LIFE_MILLIS - SPIN_MILLIS);
        long end = epochNanos();
        if (lifetimes != null) {
            append(lifetimes, Thread.currentThread().getName() + " " + start + " " + end + "\n");
        }
    }

    private static long epochNanos() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /** One short line per thread, written whole in one append: the lines of threads that end together stay apart. */
    private static synchronized void append(Path file, String line) {
        try {
            Files.write(file, line.getBytes(StandardCharsets.US_ASCII), StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
