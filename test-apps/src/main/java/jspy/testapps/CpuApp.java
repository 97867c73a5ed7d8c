package jspy.testapps;

/** One thread burning CPU in pure Java arithmetic: the profiler's "cpu" bucket. */
public final class CpuApp {

    /** Written after every batch so the JIT cannot prove the loop useless and delete it. */
    static volatile long sink;

    private CpuApp() {
    }

    public static void main(String[] args) {
        Thread worker = Ready.start("cpu-worker", CpuApp::spin);
        Ready.awaitState(worker, Thread.State.RUNNABLE);
        Ready.signalAndSleepForever();
    }

    static void spin() {
        long x = 1;
        while (true) {
            // A linear congruential step plus an xor-shift: cheap, but each step depends on the
            // previous one, so it cannot be folded into a closed form.
            for (int i = 0; i < 1_000_000; i++) {
                x = x * 6364136223846793005L + 1442695040888963407L;
                x ^= x >>> 29;
            }
            sink = x;
        }
    }
}
