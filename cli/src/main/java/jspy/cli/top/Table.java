package jspy.cli.top;

import java.util.List;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * One of top's tables (functions, threads, callers): a heading, rows named by what the cursor
 * follows, and a status line about the highlighted row. TopRenderer does the scrolling.
 */
interface Table {
    AttributedStyle TITLE = AttributedStyle.INVERSE;

    /** The column heading, with the sort indicator on the column that orders the rows. */
    AttributedString heading(int width);

    /** Each row's name, in display order. */
    List<String> names();

    /** Row {@code index}, at most {@code width} columns (longer lines are cut by the renderer). */
    AttributedStringBuilder row(int index, int width);

    /** The status line for the highlighted row, e.g. its full name and what Enter does. */
    String status(int index);

    /** A heading label right-aligned in {@code width} columns, marked when the rows are sorted by it. */
    static void label(AttributedStringBuilder head, String label, int width, boolean sorted) {
        String text = sorted ? "▼" + label : label;
        head.append(" ".repeat(Math.max(0, width - text.length())), TITLE);
        head.append(text, sorted ? TITLE.underline() : TITLE);
    }
}
