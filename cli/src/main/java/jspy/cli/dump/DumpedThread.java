package jspy.cli.dump;

import java.util.List;
import jspy.cli.profile.Bucket;

/**
 * One thread as dumped. state: Thread.State's name, or null when the JDK did not say (virtual
 * threads on JDK 21-24). lock: what it waits for (a monitor, a lock, a park blocker), or null;
 * lockOwnerId -1 when nobody (or no one known) holds it. frames: leaf first. osTid: the OS
 * thread id ({@code top -H}, {@code -t}'s {@code tid=}); cpuNanos: CPU time used so far; each -1
 * when unknown, always for virtual threads, which are no OS threads.
 */
public record DumpedThread(long id, String name, String state, boolean virtual, Bucket bucket, String lock,
                           long lockOwnerId, String lockOwnerName, List<StackFrame> frames, long osTid,
                           long cpuNanos) {
    public DumpedThread withOsTid(long tid) {
        return new DumpedThread(id, name, state, virtual, bucket, lock, lockOwnerId, lockOwnerName, frames, tid,
                cpuNanos);
    }
}
