package jspy.cli.record;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.LongSupplier;
import jspy.cli.output.Summary;
import jspy.cli.profile.Profile;
import jspy.cli.profile.TargetInfo;
import jspy.cli.sample.Accumulator;

/**
 * The lines a recording prints on stderr: the start line, which fits 100 columns, and on a
 * terminal the live line: elapsed time, samples and the bucket mix so far, counted as the summary
 * counts them (idle only with --idle). Redrawn at most twice a second, and only when stderr is a
 * terminal (a CI log gets no carriage returns).
 */
final class Progress {
    private static final long REDRAW_NANOS = 500_000_000L;
    /** Issue 13: the start line fits a 100-column terminal. */
    static final int START_COLUMNS = 100;
    /**
     * The live line must never wrap: \r goes back only to the start of the last row, so a wrapped
     * line left one new row per redraw. 80 is the narrowest terminal in common use.
     */
    static final int LIVE_COLUMNS = 80;

    private final PrintWriter err;
    private final boolean enabled;
    private final boolean idle;
    private final LongSupplier clock;
    private long lastDraw;
    private boolean drawn;

    Progress(PrintWriter err, boolean enabled, boolean idle, LongSupplier clock) {
        this.err = err;
        this.enabled = enabled;
        this.idle = idle;
        this.clock = clock;
    }

    static Progress forTerminal(PrintWriter err, boolean idle) {
        return new Progress(err, stderrIsTerminal(), idle, System::nanoTime);
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

    /**
     * "Sampling pid 1234 · com.acme.Main · JDK 17.0.15 at 100 Hz for 4.0 s. Press Control-C to stop."
     * A long main class loses leading package names until the line fits. (Why --sample-limit lowered
     * the rate is a line of its own.)
     */
    static String startLine(TargetInfo info, double hz, Double duration) {
        String tail = " at " + Profile.hz(hz) + " Hz" + (duration != null ? " for " + duration + " s" : "")
                + ". Press Control-C to stop.";
        String main = info.mainClass() == null ? "" : info.mainClass();
        String full = "Sampling " + info.describe() + tail;
        String line = full;
        while (line.length() > START_COLUMNS && main.indexOf('.', 1) > 0) {
            main = "…" + main.substring(main.indexOf('.', 1) + 1);
            line = "Sampling " + new TargetInfo(info.pid(), main, info.javaVersion(), info.jvms()).describe() + tail;
        }
        return line.length() <= START_COLUMNS ? line : full; // too long anyway: keep the name whole
    }

    void update(long startedNanos, Accumulator acc) {
        long now = clock.getAsLong();
        if (!enabled || drawn && now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        drawn = true;
        Profile shown = acc.profile(null, 0, 0, idle, false);
        err.print("\r" + liveLine((now - startedNanos) / 1e9, shown) + "\u001b[K");
        err.flush();
    }

    /** "   4.1 s · 398 samples at 98.5 Hz · cpu 98.7% · jvm 1.3%", the smallest buckets left out to fit. */
    static String liveLine(double seconds, Profile shown) {
        String line = String.format(Locale.ROOT, "%6.1f s · %,d samples at %s Hz", seconds, shown.shownSamples(),
                Profile.hz(shown.rateHz()));
        for (String share : Summary.shares(shown).split(" · ")) {
            if (share.isEmpty() || line.length() + 3 + share.length() > LIVE_COLUMNS) {
                break;
            }
            line += " · " + share;
        }
        return line;
    }

    void clear() {
        if (drawn) {
            err.print("\r\u001b[K");
            err.flush();
        }
    }
}
