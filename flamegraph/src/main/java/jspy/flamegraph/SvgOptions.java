package jspy.flamegraph;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How {@link SvgFlameGraph} lays out a graph.
 *
 * @param title      first line, e.g. "jspy — pid 1234 · com.acme.Main · JDK 17.0.15"
 * @param subtitle   second line, e.g. "wall-clock, 100 Hz, 10.0 s, 1,234 samples"
 * @param width      width in pixels before the script widens the graph to the window, and the width
 *                   {@code minWidthPx} is measured at
 * @param minWidthPx frames narrower than this at full width (of the samples shown at first) are
 *                   dropped with their descendants, which keeps huge profiles small without changing
 *                   what can be seen
 * @param hidden     names of categories the file carries but hides until the reader turns them on
 *                   in the legend, e.g. "idle"
 * @param notes      lines shown under the subtitle, e.g. why the sampling rate was lowered
 * @param rateHz     samples per second per thread, so tooltips can say how long a frame ran; 0 if unknown
 * @param shortNames whether frames start with their short names ({@code NioSocketImpl.read} rather
 *                   than {@code sun/nio/ch/NioSocketImpl.read}); the reader can switch with a key
 */
public record SvgOptions(String title, String subtitle, int width, double minWidthPx, Set<String> hidden,
                         List<String> notes, double rateHz, boolean shortNames) {
    public static final int DEFAULT_WIDTH = 1200;
    public static final double DEFAULT_MIN_WIDTH_PX = 0.1;

    public SvgOptions {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(subtitle, "subtitle");
        if (width < 100) {
            throw new IllegalArgumentException("width must be at least 100 px, got " + width);
        }
        if (!(minWidthPx >= 0)) {
            throw new IllegalArgumentException("minWidthPx must be >= 0, got " + minWidthPx);
        }
        hidden = Set.copyOf(hidden);
        notes = List.copyOf(notes);
        if (!(rateHz >= 0) || Double.isInfinite(rateHz)) {
            throw new IllegalArgumentException("rateHz must be >= 0, got " + rateHz);
        }
    }

    public SvgOptions(String title, String subtitle, int width, double minWidthPx) {
        this(title, subtitle, width, minWidthPx, Set.of(), List.of(), 0, false);
    }

    public static SvgOptions defaults(String title, String subtitle) {
        return new SvgOptions(title, subtitle, DEFAULT_WIDTH, DEFAULT_MIN_WIDTH_PX);
    }

    public SvgOptions withHidden(Set<String> categories) {
        return new SvgOptions(title, subtitle, width, minWidthPx, categories, notes, rateHz, shortNames);
    }

    public SvgOptions withNotes(List<String> lines) {
        return new SvgOptions(title, subtitle, width, minWidthPx, hidden, lines, rateHz, shortNames);
    }

    public SvgOptions withRate(double hz) {
        return new SvgOptions(title, subtitle, width, minWidthPx, hidden, notes, hz, shortNames);
    }

    public SvgOptions withShortNames(boolean on) {
        return new SvgOptions(title, subtitle, width, minWidthPx, hidden, notes, rateHz, on);
    }
}
