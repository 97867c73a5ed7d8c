package jspy.cli.diff;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The lines of a byte stream, each decoded into one reused char buffer, ended by '\n', '\r' or
 * "\r\n" as BufferedReader.readLine ends them, and numbered for messages. Reading 100+ MB without a
 * String per line saves copying every char twice more.
 *
 * <p>Lines are decoded one by one, so one bad line costs only itself: a whole-file UTF-8 reader
 * rejected a file for one Latin-1 byte. A line that is neither UTF-8 nor the modified UTF-8 the JVM
 * hands to async-profiler (an emoji thread name arrives as two 3-byte surrogates, ED A0 BD ED B8 80)
 * is {@link #bad}; a surrogate without its partner becomes U+FFFD. A line longer than
 * {@link #MAX_LINE} bytes ends the reading: unbounded, a 1 GiB line grew the buffer to 3.3 GB RSS and
 * then failed with NegativeArraySizeException.
 */
final class CharLines {
    /** The longest line read: 2,048 frames (async-profiler's default depth) of 2 KiB each. */
    static final int MAX_LINE = 4 << 20;

    private final InputStream in;
    private byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;
    private boolean eof;
    private char[] chars = new char[1 << 12];
    private int length;
    private boolean bad;
    private long number;
    private boolean afterCr;

    /** A line longer than {@link #MAX_LINE} bytes. */
    static final class TooLong extends IOException {
        final long line;

        TooLong(long line) {
            super("line " + line + " is longer than " + (MAX_LINE >> 20) + " MiB");
            this.line = line;
        }
    }

    CharLines(InputStream in) {
        this.in = in;
    }

    /** Moves to the next line; false at the end of input. */
    boolean next() throws IOException {
        for (int scanned = pos; ; ) {
            for (int i = scanned; i < limit; i++) {
                byte b = buf[i];
                if (b == '\n' && afterCr && i == pos) {
                    afterCr = false; // the LF of a CRLF
                    pos = i + 1;
                } else if (b == '\n' || b == '\r') {
                    take(i);
                    afterCr = b == '\r';
                    pos = i + 1;
                    return true;
                }
            }
            if (eof) {
                if (pos < limit) {
                    afterCr = false;
                    take(limit);
                    pos = limit;
                    return true;
                }
                return false;
            }
            scanned = fill();
        }
    }

    /** The decoded current line is {@code chars()[start(), end())}; valid until {@link #next}. */
    char[] chars() {
        return chars;
    }

    int start() {
        return 0;
    }

    int end() {
        return length;
    }

    /** The current line's bytes are not (modified) UTF-8: its chars are empty. */
    boolean bad() {
        return bad;
    }

    /** 1 for the first line. */
    long number() {
        return number;
    }

    private void take(int end) throws TooLong {
        number++;
        if (end - pos > MAX_LINE) {
            throw new TooLong(number);
        }
        if (chars.length < end - pos) {
            chars = new char[Math.max(end - pos, chars.length * 2)];
        }
        length = Utf8.decode(buf, pos, end, chars);
        bad = length < 0;
        if (bad) {
            length = 0;
        }
    }

    /** Keeps the unfinished line at the front, reads more behind it; returns where scanning goes on. */
    private int fill() throws IOException {
        int kept = limit - pos;
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, kept);
        } else if (kept == buf.length) {
            if (kept > MAX_LINE) {
                throw new TooLong(number + 1); // stop here: the rest of the line is never read
            }
            buf = Arrays.copyOf(buf, Math.min(buf.length * 2, MAX_LINE + 1));
        }
        pos = 0;
        limit = kept;
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) {
            eof = true;
        } else {
            limit += n;
        }
        return kept;
    }
}
