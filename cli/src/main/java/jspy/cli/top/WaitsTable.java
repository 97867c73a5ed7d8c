package jspy.cli.top;

import java.util.List;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;

/**
 * The Waits view ({@code w}): one row per peer, lock and pool the window's waits named, with its
 * share of the window, how many threads waited on it and, for a lock, what its owner was doing
 * (the owner's busiest bucket in the same window; {@code -} when it took no sample).
 */
final class WaitsTable implements Table {
    private static final int OWNER = 10;

    private final List<WaitTally.Row> rows;
    private final List<String> printed;

    WaitsTable(TopStats stats) {
        this.rows = stats.waitRows();
        this.printed = rows.stream().map(r -> Cells.printable(r.target().label())).toList();
    }

    @Override
    public AttributedString heading(int width) {
        AttributedStringBuilder head = new AttributedStringBuilder();
        Table.label(head, "%Samples", 9, true);
        Table.label(head, "Threads", 9, false);
        head.append("  " + Cells.pad("Bucket", Cells.BUCKET), TITLE);
        head.append(Cells.pad("Owner is", OWNER), TITLE);
        head.append(Cells.pad("Waits on", Math.max(0, width - head.columnLength())), TITLE);
        return head.toAttributedString();
    }

    @Override
    public List<String> names() {
        return rows.stream().map(WaitTally.Row::key).toList();
    }

    @Override
    public AttributedStringBuilder row(int index, int width) {
        WaitTally.Row row = rows.get(index);
        String threads = Integer.toString(row.threads());
        AttributedStringBuilder line = new AttributedStringBuilder().append(Cells.fixed(row.pct(), 1, 8) + "%"
                + " ".repeat(Math.max(1, 9 - threads.length())) + threads + "  ");
        Cells.bucket(line, row.bucket());
        if (row.ownerBucket() == null) {
            line.append(Cells.pad(row.target().owner() == null ? "" : "-", OWNER));
        } else {
            line.append(row.ownerBucket().label(), Cells.color(row.ownerBucket()));
            line.append(" ".repeat(OWNER - row.ownerBucket().label().length()));
        }
        line.append(printed.get(index));
        return line;
    }

    @Override
    public String status(int index) {
        WaitTally.Row row = rows.get(index);
        return row.bucket().label() + " waits on " + printed.get(index) + ": " + row.threads()
                + (row.threads() == 1 ? " thread" : " threads");
    }
}
