package jspy.cli.top;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jspy.cli.profile.Bucket;
import jspy.cli.profile.Profile;
import jspy.cli.profile.TargetInfo;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * Draws the model as lines that fit a width and height. The same lines serve the terminal (styled,
 * through JLine's Display) and the plain-text mode ({@code toString()} drops every style), so the
 * two can never disagree on content.
 */
public final class TopRenderer {
    private static final String ROW = "%6.1f%% %7.1f%% %8.2fs %9.2fs  ";
    private static final int[] NUMBER_WIDTHS = {7, 8, 9, 10};
    private static final int BUCKET = 8;
    private static final String THREAD_HEAD = "%9s %10s  %-7s ";
    private static final int THREAD_NAME = 28;
    private static final AttributedStyle BOLD = AttributedStyle.BOLD;
    private static final AttributedStyle WARN = AttributedStyle.BOLD.foreground(AttributedStyle.RED);
    private static final AttributedStyle TITLE = AttributedStyle.INVERSE;

    private final TargetInfo target;
    private final double delaySeconds;
    private final boolean interactive;

    /** {@code interactive}: a terminal that takes keys, so the header lists them. */
    public TopRenderer(TargetInfo target, double delaySeconds, boolean interactive) {
        this.target = target;
        this.delaySeconds = delaySeconds;
        this.interactive = interactive;
    }

    /** At most {@code height} lines, each at most {@code width} columns. */
    public List<AttributedString> lines(TopStats stats, int width, int height, boolean help) {
        List<AttributedString> out = new ArrayList<>();
        header(stats, out);
        if (help) {
            out.add(new AttributedString(""));
            out.add(new AttributedString(pad("Keys (any key closes this help)", width), TITLE));
            for (String line : TopKeys.HELP) {
                out.add(new AttributedString("  " + line));
            }
        } else if (stats.windows() == 0) {
            out.add(new AttributedString(""));
            out.add(new AttributedString("Waiting for the first samples..."));
        } else if (stats.threadView()) {
            threadTable(stats, width, height, out);
        } else {
            functionTable(stats, width, height, out);
        }
        List<AttributedString> fitted = new ArrayList<>();
        for (AttributedString line : out.subList(0, Math.min(out.size(), Math.max(1, height)))) {
            fitted.add(line.columnLength() > width ? line.columnSubSequence(0, width) : line);
        }
        return fitted;
    }

    private void header(TopStats stats, List<AttributedString> out) {
        out.add(new AttributedString("jspy top · " + target.describe() + " · " + Profile.hz(stats.rate())
                + " Hz · every " + fmt("%.1f", delaySeconds) + " s", BOLD));
        AttributedStringBuilder samples = new AttributedStringBuilder().append(fmt("Samples: %d · errors: %d",
                stats.samples(), stats.errors()));
        if (stats.windows() > 0) {
            samples.append(fmt(" · window: %d in %.1f s", stats.windowSamples(), stats.windowSeconds()));
        }
        if (stats.behind()) {
            samples.append(fmt("  WARNING: sampling is behind: %.0f%% of %d threads × %s Hz",
                    100 * stats.windowSamples() / stats.expectedWindowSamples(), stats.threads(),
                    Profile.hz(stats.rate())), WARN);
        }
        out.add(samples.toAttributedString());
        out.add(new AttributedString(fmt("Threads: %d · active: %d", stats.threads(), stats.activeThreads())));
        AttributedStringBuilder buckets = new AttributedStringBuilder().append("Buckets:");
        for (Map.Entry<Bucket, Double> e : stats.bucketShares().entrySet()) {
            buckets.append(" ").append(e.getKey().label(), color(e.getKey())).append(fmt(" %.1f%%", e.getValue()));
        }
        out.add(buckets.toAttributedString());
        out.add(new AttributedString("Sort: " + stats.sort().label() + " · filter: "
                + (stats.filter() == null ? "all" : stats.filter().label()) + " · idle: "
                + (stats.idle() ? "shown" : "hidden") + " · view: " + (stats.threadView() ? "threads" : "functions")
                + (interactive ? " · press ? for keys, q to quit" : "")));
    }

    private void functionTable(TopStats stats, int width, int height, List<AttributedString> out) {
        out.add(new AttributedString(""));
        AttributedStringBuilder head = new AttributedStringBuilder();
        TopStats.Sort[] sorts = TopStats.Sort.values();
        for (int i = 0; i < sorts.length; i++) {
            String label = sorts[i].label();
            head.append(" ".repeat(NUMBER_WIDTHS[i] - label.length() + (i == 0 ? 0 : 1)), TITLE);
            head.append(label, sorts[i] == stats.sort() ? TITLE.underline() : TITLE);
        }
        head.append("  " + pad("Bucket", BUCKET), TITLE);
        head.append(pad("Function", Math.max(0, width - head.columnLength())), TITLE);
        out.add(head.toAttributedString());
        int room = Math.max(0, width - (fmt(ROW, 0.0, 0.0, 0.0, 0.0).length() + BUCKET));
        for (TopStats.Row row : stats.rows()) {
            if (out.size() >= height) {
                break;
            }
            AttributedStringBuilder line = new AttributedStringBuilder().append(fmt(ROW, row.ownPct(),
                    row.totalPct(), row.ownSeconds(), row.totalSeconds()));
            bucket(line, row.bucket());
            line.append(left(row.name(), room));
            out.add(line.toAttributedString());
        }
    }

    private void threadTable(TopStats stats, int width, int height, List<AttributedString> out) {
        out.add(new AttributedString(""));
        String head = fmt(THREAD_HEAD, "%Samples", "Time", "Bucket") + fmt("%-" + THREAD_NAME + "s ", "Thread")
                + "Buckets in the window";
        out.add(new AttributedString(pad(head, width), TITLE));
        for (TopStats.ThreadRow row : stats.threadRows()) {
            if (out.size() >= height) {
                break;
            }
            AttributedStringBuilder line = new AttributedStringBuilder().append(fmt("%8.1f%% %9.2fs  ", row.pct(),
                    row.seconds()));
            bucket(line, row.bucket());
            line.append(fmt("%-" + THREAD_NAME + "s ", left(row.name(), THREAD_NAME)));
            for (Map.Entry<Bucket, Double> e : row.shares().entrySet()) {
                line.append(e.getKey().label(), color(e.getKey())).append(fmt(" %.0f%% ", e.getValue()));
            }
            out.add(line.toAttributedString());
        }
    }

    private static void bucket(AttributedStringBuilder line, Bucket bucket) {
        String label = bucket == null ? "-" : bucket.label();
        line.append(label, color(bucket)).append(" ".repeat(BUCKET - label.length()));
    }

    private static AttributedStyle color(Bucket bucket) {
        if (bucket == null) {
            return AttributedStyle.DEFAULT;
        }
        int rgb = Integer.parseInt(bucket.color().substring(1), 16);
        return AttributedStyle.DEFAULT.foreground((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff);
    }

    /** Keeps the end of a long name: the method and class matter more than the package. */
    static String left(String s, int width) {
        if (s.length() <= width) {
            return s;
        }
        return width <= 1 ? s.substring(s.length() - Math.max(0, width)) : "…" + s.substring(s.length() - width + 1);
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
