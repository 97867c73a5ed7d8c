package jspy.cli.sample;

import java.util.List;
import jspy.cli.profile.ThreadState;
import jspy.cli.profile.WaitTarget;

/**
 * One event of the sample stream: a thread's stack at a moment, with the kernel's view of the
 * thread and a weight (async-profiler batches the samples of a thread that stays asleep into one
 * event that carries their count). {@code frames} is root first: the thread frame
 * {@code [name tid=N]}, then the stack; frames of one window share their strings.
 *
 * @param nanos wall-clock time of the (first) sample, nanoseconds since the epoch
 * @param target what the wait waits on (a peer, a lock and its owner, a pool), or null
 */
public record StackSample(long tid, ThreadState state, long nanos, long weight, List<String> frames, WaitTarget target) {
    public StackSample(long tid, ThreadState state, long nanos, long weight, List<String> frames) {
        this(tid, state, nanos, weight, frames, null);
    }

    public StackSample withTarget(WaitTarget t) {
        return new StackSample(tid, state, nanos, weight, frames, t);
    }
}
