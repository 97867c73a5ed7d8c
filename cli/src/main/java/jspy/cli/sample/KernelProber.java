package jspy.cli.sample;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One thread ({@code jspy-waits}) that reads the kernel for every JVM's watched socket waiters,
 * apart from the sample stream: reading a thread's syscall file can block while the kernel waits
 * for the thread to leave its CPU, and under a load of 60 on 2 cores single reads took 330-400 ms
 * (2026-12-07), which stalled the stream's windows for seconds when it read them itself. At most
 * {@link #PER_SECOND} looks a second over all JVMs, the most overdue first: the target takes no
 * part in them, but they cost jspy 20-40 µs each on a quiet machine and 4% of a core at 200 a
 * second at load 26 (150 waiters, JDK 17). Steady waiters are looked at seldom, so the ones whose
 * peer changes get most of them; with 100 a second a thread alternating 20 ms requests to two
 * peers came 6.5 and 13 pp off in 2 runs of 3 at load 20, with 200 at most 5.2 in 3 (JDK 25).
 */
final class KernelProber {
    static final int PER_SECOND = 200;
    /** The mean tick: a look comes at the first tick after it is due, so ticks well under the fast gap. */
    private static final long TICK_MILLIS = 10;
    private static final List<WaitTargets> ALL = new CopyOnWriteArrayList<>();
    private static Thread thread;

    private KernelProber() {
    }

    static synchronized void register(WaitTargets targets) {
        ALL.add(targets);
        if (thread == null) {
            thread = new Thread(KernelProber::run, "jspy-waits");
            thread.setDaemon(true);
            thread.start();
        }
    }

    static void unregister(WaitTargets targets) {
        ALL.remove(targets);
    }

    private static void run() {
        double tokens = 0;
        long last = System.nanoTime();
        while (true) {
            long now = System.nanoTime();
            tokens = Math.min(PER_SECOND / 10.0, tokens + (now - last) * PER_SECOND / 1e9);
            last = now;
            for (WaitTargets t : ALL) {
                tokens -= t.probePollers(now, (int) tokens);
                tokens -= t.probeDue(now, (int) tokens);
            }
            try {
                // A random tick, 5-15 ms: with a fixed 20 ms tick every look fell on the same phase
                // of a client alternating 20 ms requests between two peers (60/40 and 32/67 where
                // the app measured 50/50, JDK 17 and 25); random moments estimate shares unbiased.
                Thread.sleep(TICK_MILLIS / 2 + java.util.concurrent.ThreadLocalRandom.current().nextLong(TICK_MILLIS));
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
