package jspy.cli;

/** Attach and timing details, printed to stderr only with --verbose. */
public final class Log {
    private static final long START = System.nanoTime();

    private Log() {
    }

    public static void debug(String message) {
        if (CommonOptions.verbose) {
            System.err.printf("[%6.0f ms] %s%n", (System.nanoTime() - START) / 1e6, message);
        }
    }
}
