package jspy.cli.sample;

import java.util.List;
import jspy.cli.profile.ThreadState;

/**
 * One event of the sample stream: a thread's stack at a moment, with the kernel's view of the
 * thread and a weight (async-profiler batches the samples of a thread that stays asleep into one
 * event that carries their count). {@code frames} is root first: the thread frame
 * {@code [name tid=N]}, then the stack; frames of one window share their strings.
 *
 * @param nanos wall-clock time of the (first) sample, nanoseconds since the epoch
 */
public record StackSample(long tid, ThreadState state, long nanos, long weight, List<String> frames) {
}
