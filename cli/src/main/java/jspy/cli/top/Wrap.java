package jspy.cli.top;

import java.util.ArrayList;
import java.util.List;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;

/**
 * Lines that keep every piece whole in a narrow terminal: a header line that does not fit goes on
 * after an indent, broken between its pieces, rather than losing its end. At 80 columns the
 * Buckets line lost {@code await} and {@code jvm}, and the fell-behind warning was cut to
 * {@code WARNING:}.
 */
final class Wrap {
    private Wrap() {
    }

    /**
     * {@code first}, then each piece after {@code separator}; a piece that would pass {@code width}
     * starts the next line after {@code indent} instead (the separator dropped). A piece wider than
     * a line is cut at the width by the renderer, as any line.
     */
    static List<AttributedString> pieces(AttributedString first, List<AttributedString> pieces, String separator,
                                         String indent, int width) {
        List<AttributedString> out = new ArrayList<>();
        AttributedStringBuilder line = new AttributedStringBuilder().append(first);
        boolean fresh = first.length() == 0;
        for (AttributedString piece : pieces) {
            if (!fresh && line.columnLength() + separator.length() + piece.columnLength() > width) {
                out.add(line.toAttributedString());
                line = new AttributedStringBuilder().append(indent);
                fresh = true;
            }
            line.append(fresh ? "" : separator).append(piece);
            fresh = false;
        }
        out.add(line.toAttributedString());
        return out;
    }

    /** Plain text broken at spaces, each line after the first indented. */
    static List<AttributedString> words(String text, String indent, int width) {
        String[] words = text.split(" ");
        List<AttributedString> pieces = new ArrayList<>(words.length);
        for (int i = 1; i < words.length; i++) {
            pieces.add(new AttributedString(words[i]));
        }
        return pieces(new AttributedString(words[0]), pieces, " ", indent, width);
    }
}
