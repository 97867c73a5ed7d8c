package jspy.cli.top;

import jspy.cli.base.Printable;
import jspy.cli.profile.Bucket;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/** Text helpers shared by top's tables: fitting names into columns, bucket cells, number formats. */
final class Cells {
    static final int BUCKET = 8;
    static final String ELLIPSIS = "…";

    private Cells() {
    }

    /**
     * Control characters made visible, as in every human-readable output ({@code \\e}, {@code \\r},
     * {@code \\u0007}): thread and method names come from the target and may hold any character;
     * printed raw, an ESC or a tab in a thread name moved the cursor and broke every row below it
     * (seen with a thread named "evil\e[31mred\a\tname").
     */
    static String printable(String s) {
        return Printable.of(s);
    }

    /** Keeps the end of a long name: the method and class matter more than the package. */
    static String left(String s, int width) {
        if (s.length() <= width) {
            return s;
        }
        return width <= 1 ? s.substring(s.length() - Math.max(0, width)) : ELLIPSIS + s.substring(s.length() - width + 1);
    }

    /**
     * Keeps both ends of a long name: thread names carry the pool at the start and the worker
     * number at the end ({@code ForkJoinPool-1…worker-3}), and either end alone is ambiguous.
     */
    static String middle(String s, int width) {
        if (s.length() <= width) {
            return s;
        }
        if (width <= 1) {
            return s.substring(0, Math.max(0, width));
        }
        int tail = (width - 1) / 2;
        int head = width - 1 - tail;
        return s.substring(0, head) + ELLIPSIS + s.substring(s.length() - tail);
    }

    /** Cuts the end of a long text: a caller chain is listed nearest caller first. */
    static String right(String s, int width) {
        if (s.length() <= width) {
            return s;
        }
        return width <= 1 ? s.substring(0, Math.max(0, width)) : s.substring(0, width - 1) + ELLIPSIS;
    }

    static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    /**
     * {@code v} with 0 to 2 decimals, right-aligned in {@code width} columns: what
     * {@code String.format("%width.decimalsf")} prints (half up, a point in every locale), for the
     * numbers of every row. String.format was 13% of the CPU of a refresh (JDK 17, issue 23).
     */
    static String fixed(double v, int decimals, int width) {
        long scale = decimals == 0 ? 1 : decimals == 1 ? 10 : 100;
        long n = Math.round(Math.abs(v) * scale + 1e-7); // 0.145 is 0.14499.. in binary: format says 0.15
        StringBuilder out = new StringBuilder(Math.max(width, 8));
        if (v < 0 && n != 0) {
            out.append('-');
        }
        out.append(n / scale);
        if (decimals > 0) {
            long fraction = n % scale;
            out.append('.').append(decimals == 2 && fraction < 10 ? "0" : "").append(fraction);
        }
        return out.length() >= width ? out.toString() : " ".repeat(width - out.length()) + out;
    }

    static void bucket(AttributedStringBuilder line, Bucket bucket) {
        String label = bucket == null ? "-" : bucket.label();
        line.append(label, color(bucket)).append(" ".repeat(BUCKET - label.length()));
    }

    static AttributedStyle color(Bucket bucket) {
        return bucket == null ? AttributedStyle.DEFAULT : COLORS[bucket.ordinal()];
    }

    /** Each bucket's colour, parsed once rather than for every cell drawn. */
    private static final AttributedStyle[] COLORS = new AttributedStyle[Bucket.values().length];

    static {
        for (Bucket b : Bucket.values()) {
            int rgb = Integer.parseInt(b.color().substring(1), 16);
            COLORS[b.ordinal()] = AttributedStyle.DEFAULT.foreground((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff);
        }
    }
}
