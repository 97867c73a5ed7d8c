package jspy.cli.profile;

import java.util.List;

/** One distinct stack (root first, normalized, thread frame first), its bucket and its count. */
public record Sample(List<String> frames, Bucket bucket, long count) {
    public String thread() {
        return !frames.isEmpty() && Frames.isThread(frames.get(0)) ? frames.get(0) : null;
    }

    /** The frames without the thread root. */
    public List<String> stack() {
        return thread() == null ? frames : frames.subList(1, frames.size());
    }
}
