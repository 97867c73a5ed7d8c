package jspy.flamegraph;

import java.io.IOException;

/**
 * Escaping for the two contexts a frame name can land in. Both produce pure ASCII, so the output
 * is correct whatever charset the caller's Writer uses, and no name can end the CDATA section
 * ("]]>"), the script ("</script>"), or a JS string literal (U+2028/U+2029 before ES2019).
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
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> {
                    // '<', '>' and '&' cover "</script" and "]]>"; non-ASCII keeps the file ASCII.
                    if (c < 0x20 || c > 0x7e || c == '<' || c == '>' || c == '&') {
                        out.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 15])
                                .append(HEX[(c >> 4) & 15]).append(HEX[c & 15]);
                    } else {
                        out.append(c);
                    }
                }
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
                    } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1))) {
                        ref(Character.toCodePoint(c, s.charAt(++i)), out);
                    } else if (isXmlChar(c)) {
                        ref(c, out);
                    } else {
                        ref(0xfffd, out); // XML 1.0 has no way to write these; show a marker
                    }
                }
            }
        }
    }

    private static boolean isXmlChar(char c) {
        return c == '\t' || c == '\n' || c == '\r'
                || (c >= 0x20 && c <= 0xfffd && !Character.isSurrogate(c));
    }

    private static void ref(int codePoint, Appendable out) throws IOException {
        out.append("&#x").append(Integer.toHexString(codePoint)).append(';');
    }
}
