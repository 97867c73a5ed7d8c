package jspy.flamegraph;

import java.util.Arrays;

/**
 * Consecutive frames that every stack through them shares from the first to the last, stored as
 * one object: their samples per category are equal, so they are counted once. Deep Java stacks
 * are mostly such runs below a few branch points; a node per frame made 100k stacks cost ~1 GB.
 * {@link FlameTree} splits a run where a stack leaves it or ends inside it.
 */
final class Run {
    /** The run's frames, root first; at least one. */
    String[] frames;
    /** Runs below the last frame, keyed by their first frame; see {@link Children}. */
    Object children;
    private long total;
    /** The only category seen while {@link #counts} is null. */
    private int category;
    /** Per category, allocated when a second category is seen. */
    private long[] counts;

    Run(String[] frames) {
        this.frames = frames;
    }

    String first() {
        return frames[0];
    }

    void add(int category, long samples, int categories) {
        if (counts != null) {
            counts[category] += samples;
        } else if (total == 0) {
            this.category = category;
        } else if (category != this.category) {
            counts = new long[categories];
            counts[this.category] = total;
            counts[category] = samples;
        }
        total += samples;
    }

    long total() {
        return total;
    }

    long count(int category) {
        return counts != null ? counts[category] : category == this.category ? total : 0;
    }

    /** Whether a second category was seen (the counts may still hold zeros for others). */
    boolean mixed() {
        return counts != null;
    }

    /** The category holding most samples; ties go to the lower index so output is stable. */
    int category() {
        if (counts == null) {
            return total == 0 ? 0 : category;
        }
        int best = 0;
        for (int i = 1; i < counts.length; i++) {
            if (counts[i] > counts[best]) {
                best = i;
            }
        }
        return best;
    }

    /**
     * Keeps the first {@code at} frames here and moves the rest, with the children and the counts
     * so far, into a new run that becomes this one's only child.
     */
    void splitAt(int at) {
        Run rest = new Run(Arrays.copyOfRange(frames, at, frames.length));
        rest.children = children;
        rest.total = total;
        rest.category = category;
        rest.counts = counts == null ? null : counts.clone();
        frames = Arrays.copyOf(frames, at);
        children = rest;
    }
}
