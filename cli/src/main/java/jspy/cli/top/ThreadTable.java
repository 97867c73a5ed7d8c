package jspy.cli.top;

import java.util.List;
import java.util.Map;
import jspy.cli.profile.Bucket;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;

/**
 * One row per thread (name and tid), or per group of threads after {@code g} (name pattern and how
 * many threads): its share of the window, its seconds since the start, and its bucket mix. The
 * name column is as wide as the longest name while the screen leaves room for the mix; longer
 * names keep both ends. The status line shows the highlighted thread's full name.
 */
final class ThreadTable implements Table {
    /** Columns kept for the bucket mix ("cpu 62% lock 38% " is 18). */
    private static final int MIX = 24;
    private static final int MIN_NAME = 16;

    /** The tid column: an OS tid has up to 7 digits (pid_max 4194304), a virtual thread's #id about as many. */
    private static final int ID = 8;

    private final TopStats stats;
    private final List<ThreadRows.Row> rows;
    private final List<String> printed;
    private final int longest;

    ThreadTable(TopStats stats) {
        this.stats = stats;
        this.rows = stats.threadRows();
        this.printed = rows.stream().map(r -> Cells.printable(r.name())).toList();
        this.longest = printed.stream().mapToInt(String::length).max().orElse(0); // once: 10,000 threads happen
    }

    /** The label of the thread column the current sort orders by: keys 1-2 pick %Samples, 3-4 Time. */
    static String sortLabel(TopStats.Sort sort) {
        return byShare(sort) ? "%Samples" : "Time";
    }

    private static boolean byShare(TopStats.Sort sort) {
        return sort == TopStats.Sort.OWN_PCT || sort == TopStats.Sort.TOTAL_PCT;
    }

    private int nameWidth(int width) {
        int room = Math.max(MIN_NAME, width - 30 - ID - MIX);
        return Math.max("Thread".length(), Math.min(longest, room));
    }

    @Override
    public AttributedString heading(int width) {
        AttributedStringBuilder head = new AttributedStringBuilder();
        Table.label(head, "%Samples", 9, byShare(stats.sort()));
        Table.label(head, "Time", 12, !byShare(stats.sort()));
        head.append("  " + Cells.pad("Bucket", Cells.BUCKET), TITLE);
        head.append(Cells.pad(stats.grouped() ? "Threads" : "Tid", ID) + Cells.pad(stats.grouped() ? "Group" : "Thread",
                nameWidth(width) + 1), TITLE);
        head.append(Cells.pad("Buckets in the window", Math.max(0, width - head.columnLength())), TITLE);
        return head.toAttributedString();
    }

    @Override
    public List<String> names() {
        return rows.stream().map(ThreadRows.Row::key).toList();
    }

    @Override
    public AttributedStringBuilder row(int index, int width) {
        ThreadRows.Row row = rows.get(index);
        AttributedStringBuilder line = new AttributedStringBuilder().append(Cells.fixed(row.pct(), 1, 8) + "% "
                + Cells.fixed(row.seconds(), 2, 10) + "s  ");
        Cells.bucket(line, row.bucket());
        line.append(Cells.pad(row.id(), ID));
        line.append(Cells.pad(Cells.middle(printed.get(index), nameWidth(width)), nameWidth(width) + 1));
        for (Map.Entry<Bucket, Double> e : row.shares().entrySet()) {
            line.append(e.getKey().label(), Cells.color(e.getKey())).append(" " + Cells.fixed(e.getValue(), 0, 0) + "% ");
        }
        return line;
    }

    @Override
    public String status(int index) {
        ThreadRows.Row row = rows.get(index);
        String id = row.id();
        return (stats.grouped() ? id + (id.equals("1") ? " thread: " : " threads: ") : "tid " + id + ": ") + printed.get(index);
    }
}
