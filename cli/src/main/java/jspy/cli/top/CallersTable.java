package jspy.cli.top;

import java.util.List;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;

/**
 * The callers of one function (Enter on its row): one row per distinct chain of callers, nearest
 * caller first, with its share of the function's samples in the window and its seconds since the
 * start. A long chain is cut at the far end: the nearest callers are the ones that explain the call.
 */
final class CallersTable implements Table {
    static final String ARROW = " ← ";

    private final String function;
    private final List<Callers.Row> rows;
    private final List<String> printed;

    CallersTable(TopStats stats, String function) {
        TopView view = stats.view();
        this.function = view.label(function);
        this.rows = stats.callers(function);
        this.printed = rows.stream().map(r -> chain(r, view)).toList();
    }

    private static String chain(Callers.Row row, TopView view) {
        if (row.chain().isEmpty()) {
            return "(first frame of its thread)";
        }
        return Cells.printable(String.join(ARROW, row.chain().stream().map(view::label).toList()));
    }

    /** The line above the heading that says whose callers these are. */
    AttributedString title(int width) {
        return new AttributedString(Cells.left("Callers of " + Cells.printable(function) + " · Esc: back", width));
    }

    @Override
    public AttributedString heading(int width) {
        AttributedStringBuilder head = new AttributedStringBuilder();
        Table.label(head, "%Calls", 8, true);
        Table.label(head, "Time", 12, false);
        head.append("  " + Cells.pad("Bucket", Cells.BUCKET), TITLE);
        head.append(Cells.pad("Called from (nearest caller first)", Math.max(0, width - head.columnLength())), TITLE);
        return head.toAttributedString();
    }

    @Override
    public List<String> names() {
        return rows.stream().map(r -> String.join(";", r.chain())).toList();
    }

    @Override
    public AttributedStringBuilder row(int index, int width) {
        Callers.Row row = rows.get(index);
        AttributedStringBuilder line = new AttributedStringBuilder().append(Cells.fixed(row.pct(), 1, 7) + "% "
                + Cells.fixed(row.seconds(), 2, 10) + "s  ");
        Cells.bucket(line, row.bucket());
        line.append(Cells.right(printed.get(index), Math.max(0, width - line.columnLength())));
        return line;
    }

    @Override
    public String status(int index) {
        return "caller chain " + (index + 1) + " of " + Cells.printable(function) + " · Esc: back to the functions";
    }
}
