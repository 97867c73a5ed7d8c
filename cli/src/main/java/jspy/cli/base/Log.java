package jspy.cli.base;

/** Attach and timing details, printed to stderr only with --verbose. */
public final class Log {
    private static final long START = System.nanoTime();
    private static volatile boolean verbose;

    private Log() {
    }

    /** Set once from --verbose; read by the error path and by debug(). */
    public static void setVerbose(boolean v) {
        verbose = v;
    }

    public static boolean verbose() {
        return verbose;
    }

    public static void debug(String message) {
        if (verbose) {
            System.err.printf("[%6.0f ms] %s%n", (System.nanoTime() - START) / 1e6, message);
        }
    }
}
