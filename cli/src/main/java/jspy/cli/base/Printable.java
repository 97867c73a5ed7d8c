package jspy.cli.base;

/**
 * Control characters made visible before a name reaches a terminal. Thread names, file names and
 * frames come from the target or the user: a thread named "\e[2J" cleared the screen of whoever ran
 * {@code jspy dump}, and a CR let one line overwrite another. Each control character becomes an
 * escape a reader recognises: {@code \e} (ESC), {@code \r}, {@code \n}, {@code \t}, and
 * {@code \}{@code u0007} for the others (C0, DEL and the C1 range, where U+009B is a CSI on some
 * terminals). Everything else, non-ASCII letters and emoji included, is left as it is.
 */
public final class Printable {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Printable() {
    }

    /** s with every control character escaped; s itself when it has none (the common case). */
    public static String of(String s) {
        if (s == null) {
            return null;
        }
        int i = 0;
        while (i < s.length() && !isControl(s.charAt(i))) {
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length() + 8).append(s, 0, i);
        for (; i < s.length(); i++) {
            append(s.charAt(i), out);
        }
        return out.toString();
    }

    /** Appends c, escaped if it is a control character. */
    public static void append(char c, StringBuilder out) {
        if (!isControl(c)) {
            out.append(c);
            return;
        }
        switch (c) {
            case 0x1b -> out.append("\\e");
            case '\r' -> out.append("\\r");
            case '\n' -> out.append("\\n");
            case '\t' -> out.append("\\t");
            default -> out.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 15])
                    .append(HEX[(c >> 4) & 15]).append(HEX[c & 15]);
        }
    }

    /** C0 (U+0000-U+001F), DEL and C1 (U+0080-U+009F): Unicode's category Cc. */
    public static boolean isControl(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f);
    }
}
