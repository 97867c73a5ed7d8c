package jspy.cli.diff;

import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;

/**
 * The lines of a reader as ranges of one reused char buffer, ended by '\n' or '\r' as
 * BufferedReader.readLine ends them, except that "\r\n" gives an extra empty line (which no folded
 * stack is). Reading 100+ MB without a String per line saves copying every char twice more.
 */
final class CharLines {
    private final Reader in;
    private char[] buf = new char[1 << 16];
    private int pos;
    private int limit;
    private boolean eof;
    private int start;
    private int end;

    CharLines(Reader in) {
        this.in = in;
    }

    /** Moves to the next line; false at the end of input. */
    boolean next() throws IOException {
        for (int scanned = pos; ; ) {
            for (int i = scanned; i < limit; i++) {
                char c = buf[i];
                if (c == '\n' || c == '\r') {
                    start = pos;
                    end = i;
                    pos = i + 1;
                    return true;
                }
            }
            if (eof) {
                if (pos < limit) {
                    start = pos;
                    end = limit;
                    pos = limit;
                    return true;
                }
                return false;
            }
            scanned = fill();
        }
    }

    /** The buffer holding the current line; valid until {@link #next}. */
    char[] chars() {
        return buf;
    }

    int start() {
        return start;
    }

    int end() {
        return end;
    }

    /** Keeps the unfinished line at the front, reads more behind it; returns where scanning goes on. */
    private int fill() throws IOException {
        int kept = limit - pos;
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, kept);
        } else if (kept == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2); // a line longer than the buffer
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
