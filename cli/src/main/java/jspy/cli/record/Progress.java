package jspy.cli.record;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import jspy.cli.sample.Accumulator;

/**
 * The live line while recording on a terminal: elapsed time, samples, achieved rate. Redrawn at
 * most twice a second, and only when stderr is a terminal (a CI log gets no carriage returns).
 */
final class Progress {
    private static final long REDRAW_NANOS = 500_000_000L;

    private final PrintWriter err;
    private final boolean enabled;
    private long lastDraw;
    private boolean drawn;

    private Progress(PrintWriter err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    static Progress forTerminal(PrintWriter err) {
        return new Progress(err, stderrIsTerminal());
    }

    /** /proc/self/fd/2 names a tty or pseudo-terminal: the JDK has no isatty for stderr. */
    private static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    void update(long startedNanos, Accumulator acc) {
        long now = System.nanoTime();
        if (!enabled || now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        drawn = true;
        err.print(String.format(Locale.ROOT, "\r%6.1f s · %,d samples · %.0f Hz per thread\u001b[K",
                (now - startedNanos) / 1e9, acc.samples(), acc.achievedHz()));
        err.flush();
    }

    void clear() {
        if (drawn) {
            err.print("\r\u001b[K");
            err.flush();
        }
    }
}
