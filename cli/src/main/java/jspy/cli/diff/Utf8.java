package jspy.cli.diff;

/**
 * UTF-8 and the JVM's modified UTF-8 in one decoder. async-profiler writes Java names as the JVM
 * gives them: a character outside the BMP (an emoji in a thread name) as two 3-byte surrogates
 * (CESU-8), NUL as C0 80. The JDK's UTF-8 decoder rejects both, which made a file with one emoji
 * thread unreadable; here they decode to the characters meant.
 */
final class Utf8 {
    private Utf8() {
    }

    /**
     * Decodes {@code in[from, to)} into {@code out} (at least {@code to - from} long) and returns the
     * number of chars, or -1 when the bytes are not (modified) UTF-8. A surrogate without its
     * partner becomes U+FFFD.
     */
    static int decode(byte[] in, int from, int to, char[] out) {
        int n = 0;
        boolean surrogates = false;
        for (int i = from; i < to; ) {
            int b = in[i] & 0xff;
            if (b < 0x80) {
                out[n++] = (char) b;
                i++;
                continue;
            }
            int extra = b >= 0xc0 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
            if (extra < 0 || i + extra >= to) {
                return -1;
            }
            int cp = b & (0x3f >> extra);
            for (int k = 1; k <= extra; k++) {
                int c = in[i + k] & 0xff;
                if ((c & 0xc0) != 0x80) {
                    return -1;
                }
                cp = cp << 6 | c & 0x3f;
            }
            if (cp < MIN[extra] && cp != 0 || cp > Character.MAX_CODE_POINT) {
                return -1; // overlong, except modified UTF-8's C0 80 for NUL
            }
            if (cp == 0 && extra != 1) {
                return -1;
            }
            surrogates |= cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE;
            n += Character.toChars(cp, out, n);
            i += extra + 1;
        }
        if (surrogates) {
            pairUp(out, n);
        }
        return n;
    }

    /** The smallest code point each length may encode. */
    private static final int[] MIN = {0, 0x80, 0x800, 0x10000};

    /** A high surrogate followed by a low one is one character; any other surrogate becomes U+FFFD. */
    private static void pairUp(char[] chars, int n) {
        for (int i = 0; i < n; i++) {
            char c = chars[i];
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(chars[i + 1])) {
                i++;
            } else if (Character.isSurrogate(c)) {
                chars[i] = '\ufffd';
            }
        }
    }
}
