package jspy.cli.diff;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The lines of a folded input that held samples jspy could not take, by reason, each with the first
 * line it happened on: nothing is dropped without a word. Blank lines, zero counts and jspy's own
 * agent thread are no loss and not counted.
 */
public final class SkippedLines {
    /** Why a line was skipped. */
    public enum Reason {
        NOT_UTF8("not UTF-8"),
        NOT_FOLDED("not 'frames COUNT'"),
        NEGATIVE("negative count"),
        NO_FRAMES("no frames");

        private final String text;

        Reason(String text) {
            this.text = text;
        }
    }

    private final Map<Reason, long[]> counts = new EnumMap<>(Reason.class);
    private long total;

    void add(Reason reason, long line) {
        long[] c = counts.computeIfAbsent(reason, r -> new long[] {0, line});
        c[0]++;
        total++;
    }

    public long total() {
        return total;
    }

    /** "2 not UTF-8 (first: line 3), 1 negative count (line 9)", or "" when none. */
    public String reasons() {
        List<String> parts = new ArrayList<>();
        counts.forEach((reason, c) -> parts.add(c[0] + " " + reason.text + (c[0] == 1 ? " (line " : " (first: line ")
                + c[1] + ")"));
        return String.join(", ", parts);
    }

    /** The warning line for input {@code name}, or null when nothing was skipped. */
    public String warning(String name) {
        return total == 0 ? null : "jspy: warning: skipped " + total + (total == 1 ? " line" : " lines") + " of "
                + FoldedFile.shown(name) + ": " + reasons();
    }
}
