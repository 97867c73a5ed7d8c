package jspy.cli.it;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading top's screen (tmux capture-pane) or plain snapshots back, as a user reads them. */
final class TopScreens {
    static final Pattern STATUS = Pattern.compile("(?m)^Row (\\d+)/(\\d+) · (.*)$");
    private static final Pattern BUCKET_SHARE = Pattern.compile("\\b([a-z]+) (\\d+\\.\\d)%");

    private TopScreens() {
    }

    /** Group {@code group} of the status line ("Row 3/40 · name"): 1 the row, 2 the rows, 3 the text; "" if none. */
    static String status(String screen, int group) {
        Matcher m = STATUS.matcher(screen);
        return m.find() ? m.group(group).strip() : "";
    }

    static String line(String screen, String prefix) {
        return screen.lines().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no '" + prefix + "' line in:\n" + screen));
    }

    static double share(String bucketsLine, String bucket) {
        Matcher m = BUCKET_SHARE.matcher(bucketsLine);
        while (m.find()) {
            if (m.group(1).equals(bucket)) {
                return Double.parseDouble(m.group(2));
            }
        }
        return -1;
    }

    /** The table rows: the lines after the table heading. */
    static List<String> rows(String screen) {
        List<String> out = new ArrayList<>();
        boolean table = false;
        for (String l : screen.split("\n")) {
            if (table && !l.isBlank() && !l.startsWith("Row ")) { // not the status line
                out.add(l.stripTrailing());
            }
            table |= l.contains("%Own") && l.contains("Function") || l.contains("Buckets in the window") || l.contains("Called from");
        }
        return out;
    }

    static String firstRow(String screen) {
        List<String> rows = rows(screen);
        if (rows.isEmpty()) {
            throw new AssertionError("no rows on the screen:\n" + screen);
        }
        return rows.get(0);
    }

    static int count(String text, String what) {
        return text.split(Pattern.quote(what), -1).length - 1;
    }
}
