package jspy.cli.profile;

import java.util.ArrayList;
import java.util.List;

/**
 * One distinct stack, its bucket, what its wait waited on and its count. Frames are root first and
 * normalized: an optional process frame ({@code pid 1234: com.acme.Main}, launch mode), the thread
 * frame ({@code [name tid=N]}), then the stack. The wait target is not among them; views put its
 * frame first ({@link #display}).
 *
 * @param target the peer, lock or pool of a socket, jdbc, lock or pool sample, or null
 */
public record Sample(List<String> frames, Bucket bucket, long count, WaitTarget target) {
    public Sample(List<String> frames, Bucket bucket, long count) {
        this(frames, bucket, count, null);
    }

    /** The process root frame in launch mode, or null. */
    public String process() {
        return !frames.isEmpty() && Frames.isProcess(frames.get(0)) ? frames.get(0) : null;
    }

    public String thread() {
        int i = process() == null ? 0 : 1;
        return frames.size() > i && Frames.isThread(frames.get(i)) ? frames.get(i) : null;
    }

    /** The frames without the process and thread roots. */
    public List<String> stack() {
        int skip = (process() == null ? 0 : 1) + (thread() == null ? 0 : 1);
        return frames.subList(skip, frames.size());
    }

    /**
     * What a flame graph shows: the wait target's frame if any (so the base of the graph splits
     * each bucket by peer or lock), the process root if any, the thread only if asked, then the stack.
     */
    public List<String> display(boolean withThread) {
        if (target == null && (withThread || thread() == null)) {
            return frames;
        }
        List<String> out = new ArrayList<>(frames.size() + 1);
        if (target != null) {
            out.add(target.frame());
        }
        if (process() != null) {
            out.add(process());
        }
        if (withThread && thread() != null) {
            out.add(thread());
        }
        out.addAll(stack());
        return out;
    }

    /**
     * The frame that owns the sample ("self" in the JSON summary, %Own in top): the topmost Java
     * frame, so that a Java method blocked in libc or the kernel (socketRead0 over recv, park over
     * futex) is the method charged; a stack without Java frames (GC, JIT threads) is owned by its
     * native leaf. Null for an empty stack.
     */
    public String own() {
        List<String> stack = stack();
        int i = ownIndex(stack, 0);
        return i < 0 ? null : stack.get(i);
    }

    /** The index of the owning frame in frames[first..], or -1 if there are none. */
    public static int ownIndex(List<String> frames, int first) {
        for (int i = frames.size() - 1; i >= first; i--) {
            if (Frames.isJava(frames.get(i))) {
                return i;
            }
        }
        return frames.size() > first ? frames.size() - 1 : -1;
    }

    /** The same stack and count, without what the wait waited on (formats that carry it as a label). */
    public Sample withoutTarget() {
        return new Sample(frames, bucket, count);
    }

    /** The same sample under a process root frame. */
    public Sample inProcess(String processFrame) {
        List<String> out = new ArrayList<>(frames.size() + 1);
        out.add(processFrame);
        out.addAll(frames);
        return new Sample(out, bucket, count, target);
    }
}
