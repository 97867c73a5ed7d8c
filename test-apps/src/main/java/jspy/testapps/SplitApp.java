package jspy.testapps;

/**
 * A steady "service" for differential profiles: one worker handles requests back to back, each a
 * parse then a render, pure CPU (one core). {@code -Djspy.split.parse=P} gives parse P% of a
 * request's work (default 30): run it at 30 twice for two recordings of the same load, at 30 and at
 * 70 for a change. No sleep between requests: with one, a busy machine stretches the CPU part and
 * not the sleep, so the shares moved with the neighbours' load (a 2 ms sleep varied by 6.9 pp
 * between two 4 s recordings on a shared 2-core machine). Ready only after 2 s of requests, once the
 * JIT has compiled both loops, so no recording catches the compiler threads at work.
 */
public final class SplitApp {

    /** Work units per request; a request is about 1 ms, so a 10 ms sample interval spans many. */
    private static final int UNITS = 100;

    /** Written after every request so the JIT cannot prove the loops useless and delete them. */
    static volatile long sink;

    private SplitApp() {
    }

    public static void main(String[] args) {
        int parse = Integer.getInteger("jspy.split.parse", 30);
        if (parse < 0 || parse > 100) {
            throw new IllegalArgumentException("jspy.split.parse must be 0..100, got " + parse);
        }
        Thread worker = Ready.start("split-worker", () -> serve(parse * UNITS / 100));
        Ready.awaitFrame(worker, "SplitApp.serve");
        Ready.sleepMillis(2_000);
        Ready.signalAndSleepForever();
    }

    static void serve(int parseUnits) {
        long x = 1;
        while (true) {
            x = parse(x, parseUnits);
            x = render(x, UNITS - parseUnits);
            sink = x;
        }
    }

    // Two loops rather than one shared helper, so each method is the leaf (self) of its own samples.
    static long parse(long x, int units) {
        for (int i = 0; i < units * 2_500; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            x ^= x >>> 29;
        }
        return x;
    }

    static long render(long x, int units) {
        for (int i = 0; i < units * 2_500; i++) {
            x = x * 2862933555777941757L + 3037000493L;
            x ^= x >>> 31;
        }
        return x;
    }
}
