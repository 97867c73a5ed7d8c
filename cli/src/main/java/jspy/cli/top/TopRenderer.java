package jspy.cli.top;

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
    private static final String SEP = " · ";

    private final TargetInfo target;
    private final double delaySeconds;
    private final boolean interactive;
    private List<AttributedString> title;
    private int titleWidth;

    /** {@code interactive}: a terminal that takes keys, so the header lists them and a row is highlighted. */
    public TopRenderer(TargetInfo target, double delaySeconds, boolean interactive) {
        this.target = target;
        this.delaySeconds = delaySeconds;
        this.interactive = interactive;
    }

    /** At most {@code height} lines, each at most {@code width} columns. */
    public List<AttributedString> lines(TopStats stats, int width, int height, boolean help) {
        TopView view = stats.view();
        Table table = null;
        if (!help && stats.windows() > 0) {
            table = stats.waitsView() ? new WaitsTable(stats) : stats.threadView() ? new ThreadTable(stats)
                    : view.callersOf() != null ? new CallersTable(stats, view.callersOf()) : new FunctionTable(stats);
        }
        List<AttributedString> out = new ArrayList<>();
        header(stats, table instanceof FunctionTable f ? f.hidden() : -1, width, out);
        out.add(new AttributedString(""));
        if (help) {
            out.add(new AttributedString(pad("Keys (any key closes this help)", width), TITLE));
            for (String line : TopKeys.HELP) {
                out.addAll(Wrap.words("  " + line, "     ", width));
            }
        } else if (table == null) {
            out.add(new AttributedString("Waiting for the first samples..."));
        } else {
            if (table instanceof CallersTable callers) {
                out.set(out.size() - 1, callers.title(width));
            }
            table(table, view.cursor(stats), width, height, out);
        }
        List<AttributedString> fitted = new ArrayList<>();
        for (AttributedString line : out.subList(0, Math.min(out.size(), Math.max(1, height)))) {
            fitted.add(line.columnLength() > width ? line.columnSubSequence(0, width) : line);
        }
        return fitted;
    }

    /** hidden: the function rows under 0.1% left out, or -1 in the other views. */
    private void header(TopStats stats, int hidden, int width, List<AttributedString> out) {
        if (title == null || titleWidth != width) { // the same all session, unless the terminal is resized
            title = title(stats, width);
            titleWidth = width;
        }
        out.addAll(title);
        List<AttributedString> samples = new ArrayList<>();
        samples.add(plain("errors: " + stats.errors()));
        if (stats.windows() > 0) {
            // Virtual threads are left out of the rate (TopStats.Sampled): the header says whose rate it is.
            samples.add(plain("window: " + stats.windowSamples() + " in " + Cells.fixed(stats.windowSeconds(), 1, 0) + " s, "
                    + Profile.hz(stats.achievedHz()) + " Hz per " + (stats.virtualThreads() > 0 ? "platform thread" : "thread")));
        }
        if (stats.behind()) {
            samples.add(new AttributedString("WARNING: sampling fell behind the " + Profile.hz(stats.rate()) + " Hz asked",
                    WARN));
        }
        out.addAll(Wrap.pieces(plain("Samples: " + stats.samples()), samples, SEP, "", width));
        int virtual = stats.virtualThreads();
        out.add(plain("Threads: " + stats.threads() + (virtual > 0 ? " (" + virtual + " virtual)" : "") + " · active: "
                + stats.activeThreads()));
        List<AttributedString> buckets = new ArrayList<>();
        for (Map.Entry<Bucket, Double> e : stats.bucketShares().entrySet()) {
            buckets.add(new AttributedStringBuilder().append(e.getKey().label(), Cells.color(e.getKey()))
                    .append(" " + Cells.fixed(e.getValue(), 1, 0) + "%").toAttributedString());
        }
        out.addAll(Wrap.pieces(plain("Buckets:"), buckets, " ", " ".repeat("Buckets: ".length()), width));
        List<AttributedString> settings = new ArrayList<>(List.of(
                plain("filter: " + (stats.filter() == null ? "all" : stats.filter().label())),
                plain("idle: " + (stats.idle() ? "shown" : "hidden"))));
        if (hidden >= 0) {
            settings.add(plain("under 0.1%: " + (stats.smallShown() ? "shown" : hidden + " hidden")));
        }
        settings.add(plain("view: " + viewLabel(stats)));
        if (interactive) {
            settings.add(plain("press ? for keys, q to quit"));
        }
        out.addAll(Wrap.pieces(plain("Sort: " + sortLabel(stats)), settings, SEP, "", width));
    }

    /**
     * The title line, broken between its pieces like the other header lines: in 80 columns a
     * VirtualServiceApp title lost "every 1.0 s" (issue 23).
     */
    private List<AttributedString> title(TopStats stats, int width) {
        String[] parts = ("jspy top · " + Cells.printable(target.describe()) + " · " + Profile.hz(stats.rate())
                + " Hz · every " + Cells.fixed(delaySeconds, 1, 0) + " s").split(SEP);
        List<AttributedString> pieces = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            pieces.add(plain(parts[i]));
        }
        return Wrap.pieces(plain(parts[0]), pieces, SEP, "", width).stream()
                .map(line -> new AttributedString(line, BOLD)).toList();
    }

    private static AttributedString plain(String text) {
        return new AttributedString(text);
    }

    /** The column the rows are sorted by, in the words of the table on screen. */
    private static String sortLabel(TopStats stats) {
        if (stats.waitsView()) {
            return "%Samples";
        }
        if (stats.threadView()) {
            return ThreadTable.sortLabel(stats.sort());
        }
        return stats.view().callersOf() != null ? "%Calls" : stats.sort().label();
    }

    private static String viewLabel(TopStats stats) {
        if (stats.waitsView()) {
            return "waits";
        }
        if (stats.threadView()) {
            return stats.grouped() ? "thread groups" : "threads";
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
            out.add(new AttributedString(pad("Row " + (cursor.selected() + 1) + "/" + names.size() + " · "
                    + table.status(cursor.selected()), width), BOLD));
        }
    }
}
