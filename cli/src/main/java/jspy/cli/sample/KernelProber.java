package jspy.cli.sample;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One thread ({@code jspy-waits}) that reads the kernel for every JVM's watched socket waiters,
 * apart from the sample stream: reading a thread's syscall file can block while the kernel waits
 * for the thread to leave its CPU, and under a load of 60 on 2 cores single reads took 330-400 ms
 * (2026-12-07), which stalled the stream's windows for seconds when it read them itself. At most
 * {@link #PER_SECOND} looks a second over all JVMs (at 20-40 µs a look, under 0.3% of a core):
 * with more due, each waits its turn, the most overdue first.
 */
final class KernelProber {
    static final int PER_SECOND = 100;
    private static final long TICK_MILLIS = 20;
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
                // A random tick, 10-30 ms: with a fixed 20 ms tick every look fell on the same phase
                // of a client alternating 20 ms requests between two peers (60/40 and 32/67 where
                // the app measured 50/50, JDK 17 and 25); random moments estimate shares unbiased.
                Thread.sleep(TICK_MILLIS / 2 + java.util.concurrent.ThreadLocalRandom.current().nextLong(TICK_MILLIS));
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
