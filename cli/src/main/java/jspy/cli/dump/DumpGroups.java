package jspy.cli.dump;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jspy.cli.profile.Bucket;

/**
 * Virtual threads with the same stack, state and bucket, as one entry of the text dump. A
 * thread-per-request service parks thousands of virtual threads in the same place, and 10,000
 * copies of one stack hide the few that differ. Only virtual threads: they have no OS thread id
 * and no CPU time of their own, and they come by the thousand; platform threads are hundreds at
 * most (each is an OS thread), and each has the tid and CPU time that {@code top -H} shows,
 * which a group would have to drop (jstack and py-spy dump do not group either).
 *
 * <p>What a thread waits for is part of the key without its identity ({@code Foo@1b2c3d} is
 * {@code Foo}): a thousand threads each waiting on its own future are alike.
 */
final class DumpGroups {
    /** Threads with one stack; a single thread is a group of one. Members by id. */
    record Group(List<DumpedThread> members) {
        DumpedThread first() {
            return members.get(0);
        }

        /** The lock all members wait for, or null when they wait for different objects (or none). */
        String sharedLock() {
            DumpedThread f = first();
            for (DumpedThread t : members) {
                if (!java.util.Objects.equals(t.lock(), f.lock()) || t.lockOwnerId() != f.lockOwnerId()) {
                    return null;
                }
            }
            return f.lock();
        }
    }

    private record Key(String state, Bucket bucket, String lockType, List<StackFrame> frames) {
    }

    private DumpGroups() {
    }

    /** Platform threads one by one, in order; then the virtual ones grouped, largest group first. */
    static List<Group> of(List<DumpedThread> threads) {
        List<Group> out = new ArrayList<>();
        Map<Key, List<DumpedThread>> virtual = new LinkedHashMap<>();
        for (DumpedThread t : threads) {
            if (!t.virtual()) {
                out.add(new Group(List.of(t)));
            } else {
                virtual.computeIfAbsent(new Key(t.state(), t.bucket(), type(t.lock()), t.frames()),
                        k -> new ArrayList<>()).add(t);
            }
        }
        List<Group> groups = new ArrayList<>();
        virtual.values().forEach(members -> groups.add(new Group(List.copyOf(members))));
        groups.sort(Comparator.comparingInt((Group g) -> -g.members().size()).thenComparingLong(g -> g.first().id()));
        out.addAll(groups);
        return out;
    }

    /** {@code java.util.concurrent.CompletableFuture$Signaller@5e2de80c} -> without the {@code @...}. */
    static String type(String lock) {
        if (lock == null) {
            return null;
        }
        int at = lock.lastIndexOf('@');
        return at < 0 ? lock : lock.substring(0, at);
    }
}
