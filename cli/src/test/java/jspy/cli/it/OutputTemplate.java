package jspy.cli.it;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Output shown in the README, as a pattern for what the command really prints. The README's
 * figures come from one run, so every number matches any number (a PID, a share, a version, a
 * line number), an object's {@code @hash} any hash, and a run of spaces any run of spaces (top's
 * columns). A line that is only {@code …} stands for any number of lines, and a {@code …} at the
 * end of a line for the rest of it; everything else is literal. The template's lines must appear
 * one after the other in the output, which may have more lines before and after them.
 */
final class OutputTemplate {
    static final String ELLIPSIS = "…";
    private static final Pattern TOKEN = Pattern.compile("(@[0-9a-f]{4,})|(\\d+(?:[.,]\\d+)*)|( {2,})|(…$)");

    private final List<Pattern> lines = new ArrayList<>(); // null: any number of lines

    OutputTemplate(String template) {
        for (String line : template.split("\n", -1)) {
            lines.add(line.strip().equals(ELLIPSIS) ? null : Pattern.compile(regex(line.stripTrailing())));
        }
    }

    static String regex(String line) {
        StringBuilder out = new StringBuilder();
        Matcher m = TOKEN.matcher(line);
        int literal = 0;
        while (m.find()) {
            out.append(quote(line.substring(literal, m.start())));
            if (m.group(1) != null) {
                out.append("@[0-9a-f]+");
            } else if (m.group(2) != null) {
                out.append("\\d+(?:[.,]\\d+)*");
            } else if (m.group(3) != null) {
                out.append(" +");
            } else {
                out.append(".*");
            }
            literal = m.end();
        }
        return out.append(quote(line.substring(literal))).toString();
    }

    private static String quote(String s) {
        return s.isEmpty() ? "" : Pattern.quote(s);
    }

    /** Whether the template's lines appear in output (trailing blanks on each line ignored). */
    boolean matches(String output) {
        List<String> actual = output.lines().map(String::stripTrailing).toList();
        for (int start = 0; start <= actual.size(); start++) {
            if (matchesAt(0, actual, start)) {
                return true;
            }
        }
        return false;
    }

    private boolean matchesAt(int t, List<String> actual, int a) {
        if (t == lines.size()) {
            return true;
        }
        Pattern p = lines.get(t);
        if (p == null) {
            for (int skip = a; skip <= actual.size(); skip++) {
                if (matchesAt(t + 1, actual, skip)) {
                    return true;
                }
            }
            return false;
        }
        return a < actual.size() && p.matcher(actual.get(a)).matches() && matchesAt(t + 1, actual, a + 1);
    }

    /** Fails with the template and the output side by side when the output does not match. */
    static void assertMatches(String what, String template, String output) {
        if (!new OutputTemplate(template).matches(output)) {
            throw new AssertionError(what + ": the output does not match the README's.\n--- README shows:\n" + template
                    + "\n--- the command printed:\n" + output);
        }
    }
}
