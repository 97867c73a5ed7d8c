package jspy.cli.output;

import java.io.IOException;
import java.io.Writer;
import jspy.cli.base.Printable;
import jspy.cli.profile.Profile;
import jspy.cli.profile.Sample;

/**
 * Folded stacks for flamegraph.pl, inferno and speedscope. The bucket is recoverable from every
 * line: its first frame is the bucket in brackets, e.g.
 * {@code [socket];java/lang/Thread.run;...;sun/nio/ch/SocketDispatcher.read0 42}. With
 * {@code --threads} the thread frame {@code [name tid=N]} follows the bucket.
 *
 * <p>Frame and thread names are escaped, the one rule jspy writes and {@code jspy flamegraph} reads
 * back: {@code \} becomes {@code \\}, {@code ;} becomes {@code \u003b}, and control characters
 * become {@code \e}, {@code \r}, {@code \n}, {@code \t} or {@code \}{@code uXXXX} as in
 * {@link Printable}. Unescaped, a thread named "a;b" was two frames and a newline in a name split
 * the line. No escape contains ';' or a line end, so tools that know nothing of it still see one
 * frame per name and one stack per line.
 */
public final class CollapsedFormat implements ProfileWriter {
    @Override
    public void write(Profile profile, Writer out) throws IOException {
        for (Sample s : profile.samples()) {
            if (!profile.shown(s)) {
                continue;
            }
            out.write('[');
            out.write(s.bucket().label());
            out.write(']');
            for (String frame : s.display(profile.showThreads())) {
                out.write(';');
                out.write(escape(frame));
            }
            out.write(' ');
            out.write(Long.toString(s.count()));
            out.write('\n');
        }
    }

    /** A name as a frame of a collapsed line; the name itself when nothing needs escaping. */
    public static String escape(String name) {
        int i = 0;
        while (i < name.length() && !needsEscape(name.charAt(i))) {
            i++;
        }
        if (i == name.length()) {
            return name;
        }
        StringBuilder out = new StringBuilder(name.length() + 8).append(name, 0, i);
        for (; i < name.length(); i++) {
            char c = name.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case ';' -> out.append("\\u003b");
                default -> Printable.append(c, out);
            }
        }
        return out.toString();
    }

    private static boolean needsEscape(char c) {
        return c == '\\' || c == ';' || Printable.isControl(c);
    }

    /**
     * Undoes {@link #escape} on {@code in[from, to)} into {@code out} (at least {@code to - from}
     * long) and returns the length written. A backslash that starts no escape is kept as it is.
     */
    public static int unescape(char[] in, int from, int to, char[] out) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = in[i];
            if (c == '\\' && i + 1 < to) {
                char next = in[i + 1];
                int simple = switch (next) {
                    case '\\' -> '\\';
                    case 'e' -> 0x1b;
                    case 'r' -> '\r';
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    default -> -1;
                };
                if (simple >= 0) {
                    out[n++] = (char) simple;
                    i++;
                    continue;
                }
                int code = next == 'u' && i + 5 < to ? hex4(in, i + 2) : -1;
                if (code >= 0) {
                    out[n++] = (char) code;
                    i += 5;
                    continue;
                }
            }
            out[n++] = c;
        }
        return n;
    }

    private static int hex4(char[] in, int from) {
        int code = 0;
        for (int i = from; i < from + 4; i++) {
            int digit = Character.digit(in[i], 16);
            if (digit < 0 || in[i] > 'f') {
                return -1;
            }
            code = code * 16 + digit;
        }
        return code;
    }
}
