package jspy.cli.top;

import java.util.List;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;

/** The default table: one row per function, its shares of the window and its seconds since the start. */
final class FunctionTable implements Table {
    private static final int[] NUMBER_WIDTHS = {7, 9, 10, 11};

    private final TopStats stats;
    private final List<FunctionRows.Row> rows;
    private final int hidden;

    FunctionTable(TopStats stats) {
        this.stats = stats;
        FunctionRows.Functions functions = stats.functions();
        this.rows = functions.rows();
        this.hidden = functions.hidden();
    }

    /** Rows under 0.1% left out (key a shows them). */
    int hidden() {
        return hidden;
    }

    @Override
    public AttributedString heading(int width) {
        AttributedStringBuilder head = new AttributedStringBuilder();
        TopStats.Sort[] sorts = TopStats.Sort.values();
        for (int i = 0; i < sorts.length; i++) {
            Table.label(head, sorts[i].label(), NUMBER_WIDTHS[i], sorts[i] == stats.sort());
        }
        head.append("  " + Cells.pad("Bucket", Cells.BUCKET), TITLE);
        head.append(Cells.pad("Function", Math.max(0, width - head.columnLength())), TITLE);
        return head.toAttributedString();
    }

    @Override
    public List<String> names() {
        return rows.stream().map(FunctionRows.Row::name).toList();
    }

    @Override
    public AttributedStringBuilder row(int index, int width) {
        FunctionRows.Row row = rows.get(index);
        AttributedStringBuilder line = new AttributedStringBuilder().append(Cells.fixed(row.ownPct(), 1, 6) + "% "
                + Cells.fixed(row.totalPct(), 1, 7) + "% " + Cells.fixed(row.ownSeconds(), 2, 8) + "s "
                + Cells.fixed(row.totalSeconds(), 2, 9) + "s  ");
        Cells.bucket(line, row.bucket());
        line.append(Cells.left(Cells.printable(stats.view().label(row.name())), Math.max(0, width - line.columnLength())));
        return line;
    }

    @Override
    public String status(int index) {
        return Cells.printable(stats.view().label(rows.get(index).name())) + " · Enter: its callers";
    }
}
