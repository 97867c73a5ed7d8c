import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * A small, mostly idle service for the memory soaks (bench/memory-soak, bench/serve-fleet): IDLE
 * parked threads and one lightly busy worker (a few hundred microseconds of work and a few kB of
 * garbage every 50 ms), as a fleet of real services would be, not a CPU burner: the machine is
 * shared. Its stacks change every minute (the worker's call path and every parked thread's depth
 * move on), so a profiler keeps meeting new stacks, as it would in a service that serves varied
 * requests. Prints nothing.
 * Usage: java SoakApp.java IDLE DIR SECONDS   (creates DIR/ready once every thread runs)
 */
public class SoakApp {
    static final long START = System.nanoTime();
    static volatile long sink;

    static int minute() {
        return (int) ((System.nanoTime() - START) / 60_000_000_000L);
    }

    public static void main(String[] a) throws Exception {
        int idle = Integer.parseInt(a[0]);
        for (int i = 0; i < idle; i++) {
            int id = i;
            Thread t = new Thread(() -> {
                while (true) {
                    park(id, (minute() + id) % 16);
                }
            }, "parked-" + i);
            t.setDaemon(true);
            t.start();
        }
        Thread worker = new Thread(() -> {
            while (true) {
                path(minute(), 8);
                LockSupport.parkNanos(50_000_000L);
            }
        }, "worker");
        worker.setDaemon(true);
        worker.start();
        Files.writeString(Path.of(a[1], "ready"), "");
        Thread.sleep(Long.parseLong(a[2]) * 1000);
    }

    static void park(int id, int depth) {
        if (depth > 0) {
            park(id, depth - 1);
            return;
        }
        long next = START + (minute() + 1) * 60_000_000_000L;
        LockSupport.parkNanos(Math.max(1, next - System.nanoTime()));
    }

    static void path(int m, int level) {
        if (level == 0) {
            hot(m);
            return;
        }
        if ((m >> (level - 1) & 1) == 0) {
            a(m, level);
        } else {
            b(m, level);
        }
    }

    static void a(int m, int level) {
        path(m, level - 1);
    }

    static void b(int m, int level) {
        path(m, level - 1);
    }

    static void hot(int m) {
        switch (m % 4) {
            case 0 -> hot0();
            case 1 -> hot1();
            case 2 -> hot2();
            default -> hot3();
        }
    }

    static void hot0() {
        work(1);
    }

    static void hot1() {
        work(2);
    }

    static void hot2() {
        work(3);
    }

    static void hot3() {
        work(4);
    }

    /** About 0.2 ms of arithmetic and 4 kB of short-lived objects. */
    static void work(long x) {
        List<String> garbage = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            if (i % 200 == 0) {
                garbage.add(Long.toHexString(x));
            }
        }
        sink = x + garbage.size();
    }
}
