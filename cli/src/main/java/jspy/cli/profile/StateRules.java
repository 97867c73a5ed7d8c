package jspy.cli.profile;

import java.util.List;
import java.util.Set;

/**
 * The rules table's frames joined with the kernel's view of the thread (async-profiler marks a
 * wall-clock sample SLEEPING when its signal interrupted a system call): frames decide what a
 * thread waits on, the state whether it waits at all.
 */
public final class StateRules {
    private StateRules() {
    }

    /**
     * The bucket of a stack the kernel saw in {@code state}: frames decide what a thread waits
     * on, the state whether it waits at all. A thread caught sleeping in a system call is never
     * cpu (a native wait no rule knows is idle), and one caught
     * running is never idle (it just woke up, or spins; a thread without Java frames is the JVM's).
     */
    public static Bucket classify(List<String> withLines, Set<String> jdbcClasses, ThreadState state) {
        List<String> frames = Frames.withoutLines(withLines);
        Bucket bucket = BucketRules.classify(frames, jdbcClasses);
        if (state == ThreadState.SLEEPING && bucket == Bucket.CPU) {
            return Bucket.IDLE;
        }
        if (state == ThreadState.RUNNING && bucket == Bucket.IDLE) {
            for (String f : frames) {
                if (Frames.isJava(f)) {
                    return Bucket.CPU;
                }
            }
            return Bucket.JVM; // a GC, JIT or VM thread at work
        }
        return bucket;
    }
}
