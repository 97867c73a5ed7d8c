package jspy.flamegraph;

import java.util.Objects;

/**
 * How {@link SvgFlameGraph} lays out a graph.
 *
 * @param title      first line, e.g. "jspy — pid 1234 · com.acme.Main · JDK 17.0.15"
 * @param subtitle   second line, e.g. "wall-clock, 100 Hz, 10.0 s, 1,234 samples"
 * @param width      total width in pixels
 * @param minWidthPx frames narrower than this at full width are dropped with their descendants,
 *                   which keeps huge profiles small without changing what can be seen
 */
public record SvgOptions(String title, String subtitle, int width, double minWidthPx) {
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
    }

    public static SvgOptions defaults(String title, String subtitle) {
        return new SvgOptions(title, subtitle, DEFAULT_WIDTH, DEFAULT_MIN_WIDTH_PX);
    }
}
