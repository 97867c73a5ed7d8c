package jspy.cli.diff;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;
import jspy.cli.output.CollapsedFormat;
import jspy.cli.profile.Bucket;

/**
 * One line of a folded file at a time, read as {@link FoldedFile} reads it (a {@code [bucket];}
 * prefix, the agent's own thread dropped, trailing blanks and CRs ignored, the count after the last
 * space, frames normalized), without keeping it: the frames list is reused for the next line.
 */
final class FoldedLine {
    private final FrameNames names = new FrameNames();
    private String[] frames = new String[64];
    private char[] scratch = new char[256];
    private int size;
    private final List<String> view = new Frames();
    private Bucket bucket;
    private long count;
    private SkippedLines.Reason skipped;

    /**
     * Reads the line {@code chars[start, end)}; true for a stack to add (a positive count and
     * frames). When false, {@link #skipped} says why, or is null if the line lost nothing (blank, a
     * zero count, the agent's own thread). The frames are split only for a positive count.
     */
    boolean parse(char[] chars, int start, int end) {
        skipped = null;
        size = 0;
        int close = bucketEnd(chars, start, end);
        int from = bucket == null ? start : close + 2;
        int to = end;
        while (to > from && (chars[to - 1] == '\r' || chars[to - 1] == ' ')) {
            to--;
        }
        if (to == from || startsWith(chars, from, end, jspy.cli.profile.Frames.OWN_THREAD)) {
            return false;
        }
        int space = to - 1;
        while (space >= start && chars[space] != ' ') {
            space--;
        }
        if (space <= from || !count(chars, space + 1, to)) {
            skipped = SkippedLines.Reason.NOT_FOLDED;
        } else if (count < 0) {
            skipped = SkippedLines.Reason.NEGATIVE;
        } else if (count > 0) {
            split(chars, from, space);
            skipped = size == 0 ? SkippedLines.Reason.NO_FRAMES : null;
        }
        return size > 0;
    }

    /** Why the last line parsed was skipped, or null. */
    SkippedLines.Reason skipped() {
        return skipped;
    }

    /** Sets {@link #bucket} from a "[label];" prefix and returns where "];" is. */
    private int bucketEnd(char[] chars, int start, int end) {
        bucket = null;
        if (start == end || chars[start] != '[') {
            return -1;
        }
        int close = start + 1;
        while (close + 1 < end && !(chars[close] == ']' && chars[close + 1] == ';')) {
            close++;
        }
        if (close + 1 >= end) {
            return -1;
        }
        for (Bucket b : Bucket.values()) {
            String label = b.label();
            if (label.length() == close - start - 1 && startsWith(chars, start + 1, close, label)) {
                bucket = b;
                return close;
            }
        }
        return -1;
    }

    private static boolean startsWith(char[] chars, int from, int end, String prefix) {
        if (end - from < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (chars[from + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The bucket the line named, or null: then the rules classify it. */
    Bucket bucket() {
        return bucket;
    }

    long count() {
        return count;
    }

    /** Root first, normalized; empty when nothing is left (or the count was not positive). Valid until the next line. */
    List<String> frames() {
        return view;
    }

    /** Long.parseLong's answer, without a String for plain digits. */
    private boolean count(char[] chars, int from, int to) {
        if (to - from <= 18) {
            long n = 0;
            int i = from;
            for (char c; i < to && (c = chars[i]) >= '0' && c <= '9'; i++) {
                n = n * 10 + (c - '0');
            }
            if (i == to && to > from) {
                count = n;
                return true;
            }
        }
        try {
            count = Long.parseLong(new String(chars, from, to - from)); // signs, other digits, too long
            return true;
        } catch (NumberFormatException notACount) {
            return false;
        }
    }

    /**
     * As String.split(";") of the stack then normalizing: trailing empty frames dropped. jspy's own
     * lines (those with a bucket) have their names escaped by CollapsedFormat: undone here.
     */
    private void split(char[] chars, int from, int to) {
        int start = from;
        int hash = 0;
        boolean escaped = false;
        for (int i = from; i <= to; i++) {
            char c = i < to ? chars[i] : ';';
            if (c == ';') {
                push(escaped ? unescaped(chars, start, i) : names.name(chars, start, i, hash));
                start = i + 1;
                hash = 0;
                escaped = false;
            } else {
                hash = FrameNames.hash(hash, c);
                escaped |= c == '\\' && bucket != null;
            }
        }
        while (size > 0 && frames[size - 1].isEmpty()) {
            size--;
        }
    }

    private String unescaped(char[] chars, int start, int end) {
        if (scratch.length < end - start) {
            scratch = new char[end - start];
        }
        int n = CollapsedFormat.unescape(chars, start, end, scratch);
        int hash = 0;
        for (int i = 0; i < n; i++) {
            hash = FrameNames.hash(hash, scratch[i]);
        }
        return names.name(scratch, 0, n, hash);
    }

    private void push(String frame) {
        if (size == frames.length) {
            frames = Arrays.copyOf(frames, size * 2);
        }
        frames[size++] = frame;
    }

    /** The current line's frames. */
    private final class Frames extends AbstractList<String> implements RandomAccess {
        @Override
        public String get(int index) {
            return frames[Objects.checkIndex(index, size)];
        }

        @Override
        public int size() {
            return size;
        }
    }
}
