package jspy.cli.top;

import static jspy.cli.top.Cells.fmt;
import static jspy.cli.top.Cells.pad;

import java.util.ArrayList;
import java.util.List;
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
 * two can never disagree on content. On a terminal the highlighted row is inverse and the last line
 * says which row it is, in words, so that it reads the same in a screen capture.
 */
public final class TopRenderer {
    private static final AttributedStyle BOLD = AttributedStyle.BOLD;
    private static final AttributedStyle WARN = AttributedStyle.BOLD.foreground(AttributedStyle.RED);
    private static final AttributedStyle TITLE = AttributedStyle.INVERSE;

    private final TargetInfo target;
    private final double delaySeconds;
    private final boolean interactive;

    /** {@code interactive}: a terminal that takes keys, so the header lists them and a row is highlighted. */
    public TopRenderer(TargetInfo target, double delaySeconds, boolean interactive) {
        this.target = target;
        this.delaySeconds = delaySeconds;
        this.interactive = interactive;
    }

    /** At most {@code height} lines, each at most {@code width} columns. */
    public List<AttributedString> lines(TopStats stats, int width, int height, boolean help) {
        List<AttributedString> out = new ArrayList<>();
        header(stats, out);
        out.add(new AttributedString(""));
        TopView view = stats.view();
        if (help) {
            out.add(new AttributedString(pad("Keys (any key closes this help)", width), TITLE));
            for (String line : TopKeys.HELP) {
                out.add(new AttributedString("  " + line));
            }
        } else if (stats.windows() == 0) {
            out.add(new AttributedString("Waiting for the first samples..."));
        } else if (stats.threadView()) {
            table(new ThreadTable(stats), view.threads, width, height, out);
        } else if (view.callersOf() != null) {
            CallersTable callers = new CallersTable(stats, view.callersOf());
            out.set(out.size() - 1, callers.title(width));
            table(callers, view.callers, width, height, out);
        } else {
            table(new FunctionTable(stats), view.functions, width, height, out);
        }
        List<AttributedString> fitted = new ArrayList<>();
        for (AttributedString line : out.subList(0, Math.min(out.size(), Math.max(1, height)))) {
            fitted.add(line.columnLength() > width ? line.columnSubSequence(0, width) : line);
        }
        return fitted;
    }

    private void header(TopStats stats, List<AttributedString> out) {
        out.add(new AttributedString("jspy top · " + Cells.printable(target.describe()) + " · "
                + Profile.hz(stats.rate()) + " Hz · every " + fmt("%.1f", delaySeconds) + " s", BOLD));
        AttributedStringBuilder samples = new AttributedStringBuilder().append(fmt("Samples: %d · errors: %d",
                stats.samples(), stats.errors()));
        if (stats.windows() > 0) {
            samples.append(fmt(" · window: %d in %.1f s, %s Hz per thread", stats.windowSamples(), stats.windowSeconds(),
                    Profile.hz(stats.achievedHz())));
        }
        if (stats.behind()) {
            samples.append(fmt("  WARNING: sampling fell behind: %s of %s Hz asked", Profile.hz(stats.achievedHz()),
                    Profile.hz(stats.rate())), WARN);
        }
        out.add(samples.toAttributedString());
        out.add(new AttributedString(fmt("Threads: %d · active: %d", stats.threads(), stats.activeThreads())));
        AttributedStringBuilder buckets = new AttributedStringBuilder().append("Buckets:");
        for (Map.Entry<Bucket, Double> e : stats.bucketShares().entrySet()) {
            buckets.append(" ").append(e.getKey().label(), Cells.color(e.getKey())).append(fmt(" %.1f%%", e.getValue()));
        }
        out.add(buckets.toAttributedString());
        out.add(new AttributedString("Sort: " + sortLabel(stats) + " · filter: "
                + (stats.filter() == null ? "all" : stats.filter().label()) + " · idle: "
                + (stats.idle() ? "shown" : "hidden") + " · view: " + viewLabel(stats)
                + (interactive ? " · press ? for keys, q to quit" : "")));
    }

    /** The column the rows are sorted by, in the words of the table on screen. */
    private static String sortLabel(TopStats stats) {
        if (stats.threadView()) {
            return ThreadTable.sortLabel(stats.sort());
        }
        return stats.view().callersOf() != null ? "%Calls" : stats.sort().label();
    }

    private static String viewLabel(TopStats stats) {
        if (stats.threadView()) {
            return "threads";
        }
        return stats.view().callersOf() != null ? "callers" : "functions";
    }

    /**
     * The heading, the rows that fit (scrolled so the highlighted one shows) and, on a terminal, a
     * status line at the bottom of the screen.
     */
    private void table(Table table, Cursor cursor, int width, int height, List<AttributedString> out) {
        out.add(table.heading(width));
        List<String> names = table.names();
        int visible = Math.max(1, height - out.size() - (interactive ? 1 : 0));
        cursor.place(names, visible);
        int end = Math.min(names.size(), cursor.first() + visible);
        for (int i = cursor.first(); i < end; i++) {
            AttributedStringBuilder line = table.row(i, width);
            boolean selected = interactive && i == cursor.selected();
            out.add(selected ? new AttributedString(pad(line.toString(), width), TITLE) : line.toAttributedString());
        }
        if (interactive && !names.isEmpty()) {
            while (out.size() < height - 1) {
                out.add(new AttributedString(""));
            }
            out.add(new AttributedString(pad(fmt("Row %d/%d · ", cursor.selected() + 1, names.size())
                    + table.status(cursor.selected()), width), BOLD));
        }
    }
}
