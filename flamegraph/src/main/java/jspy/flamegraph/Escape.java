package jspy.flamegraph;

import java.io.IOException;

/**
 * Escaping for the two contexts a frame name can land in. Both produce pure ASCII, so the output
 * is correct whatever charset the caller's Writer uses, and no name can end the CDATA section
 * ("]]>"), the script ("</script>"), or a JS string literal (U+2028/U+2029 before ES2019).
 * Control characters (a thread named with ESC sequences, CR or newlines) are shown, not passed on:
 * as {@code \e}, {@code \r}, {@code \n}, {@code \t} or {@code \}{@code u0007}, the rule the CLI
 * uses for the terminal (jspy.cli.base.Printable; this module depends on nothing of jspy's). Raw,
 * they drew nothing in a browser, and XML 1.0 cannot hold most of them at all.
 */
final class Escape {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Escape() {
    }

    /** Writes s as a double-quoted JSON string literal, safe inside a CDATA script. */
    static void json(CharSequence s, Appendable out) throws IOException {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (isControl(c)) {
                out.append('\\'); // JSON's escape for the backslash of the visible form
                visible(c, out);
            } else if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c > 0x7e || c == '<' || c == '>' || c == '&') {
                // '<', '>' and '&' cover "</script" and "]]>"; non-ASCII keeps the file ASCII.
                unicode(c, out);
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    /** Writes s as XML character data, also safe inside a double- or single-quoted attribute. */
    static void xml(CharSequence s, Appendable out) throws IOException {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (c >= 0x20 && c < 0x7f) {
                        out.append(c);
                    } else if (isControl(c)) {
                        visible(c, out);
                    } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1))) {
                        ref(Character.toCodePoint(c, s.charAt(++i)), out);
                    } else if (isXmlChar(c)) {
                        ref(c, out);
                    } else {
                        ref(0xfffd, out); // a lone surrogate: XML 1.0 has no way to write it; show a marker
                    }
                }
            }
        }
    }

    /** C0, DEL and C1: Unicode's category Cc. */
    private static boolean isControl(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f);
    }

    /** The visible form of control character c: backslash, then e, r, n, t or uXXXX. */
    private static void visible(char c, Appendable out) throws IOException {
        switch (c) {
            case 0x1b -> out.append("\\e");
            case '\r' -> out.append("\\r");
            case '\n' -> out.append("\\n");
            case '\t' -> out.append("\\t");
            default -> unicode(c, out);
        }
    }

    private static void unicode(char c, Appendable out) throws IOException {
        out.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 15]).append(HEX[(c >> 4) & 15]).append(HEX[c & 15]);
    }

    private static boolean isXmlChar(char c) {
        return c == '\t' || c == '\n' || c == '\r'
                || (c >= 0x20 && c <= 0xfffd && !Character.isSurrogate(c));
    }

    private static void ref(int codePoint, Appendable out) throws IOException {
        out.append("&#x").append(Integer.toHexString(codePoint)).append(';');
    }
}
