package jspy.cli.sample;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jspy.cli.attach.AgentDir;
import jspy.cli.profile.Bucket;
import jspy.cli.profile.StateRules;
import jspy.cli.profile.ThreadState;
import jspy.cli.profile.WaitTarget;

/**
 * The kind of target each sample of a window names (a peer for socket and jdbc, a lock, a pool;
 * null for none), by the buckets' own rules. A window is classified once, when it is read, and
 * its kinds are kept until it is named: classifying every sample again there was a third of the
 * targets' cost in jspy (150 waiters of 5-20 ms, 15,000 samples a second, JDK 17).
 */
final class WaitKinds {
    private static final int CACHE_LIMIT = 50_000;

    private final AgentDir dir;
    private final Map<Key, Seen> buckets = new HashMap<>();
    private final Map<Window, Kinds> kept = new IdentityHashMap<>();
    private Set<String> jdbcClasses = Set.of();

    private record Key(List<String> frames, ThreadState state) {
    }

    /** A stack's bucket, and whether it is parked (see {@link #parked}). */
    private record Seen(Bucket bucket, boolean parked) {
    }

    /** Per sample of a window: the kind of target it names (or null), and whether it is parked. */
    record Kinds(WaitTarget.Kind[] kind, boolean[] parked) {
    }

    WaitKinds(AgentDir dir) {
        this.dir = dir;
    }

    /** A new window's kinds, kept for {@link #of}. */
    Kinds classify(Window w) {
        Set<String> jdbc = dir.jdbcClasses();
        if (!jdbc.equals(jdbcClasses)) {
            jdbcClasses = jdbc;
            buckets.clear();
        }
        Kinds kinds = new Kinds(new WaitTarget.Kind[w.samples().size()], new boolean[w.samples().size()]);
        for (int i = 0; i < kinds.kind().length; i++) {
            Seen seen = seen(w.samples().get(i));
            kinds.kind()[i] = WaitTarget.kindOf(seen.bucket());
            kinds.parked()[i] = seen.parked();
        }
        kept.put(w, kinds);
        return kinds;
    }

    /** The kinds of a window classified before, else classified now. */
    Kinds of(Window w) {
        Kinds kinds = kept.get(w);
        return kinds != null ? kinds : classify(w);
    }

    /** The window is named: its kinds are no longer needed. */
    void forget(Window w) {
        kept.remove(w);
    }

    Bucket bucket(StackSample s) {
        return seen(s).bucket();
    }

    private Seen seen(StackSample s) {
        if (buckets.size() > CACHE_LIMIT) {
            buckets.clear();
        }
        return buckets.computeIfAbsent(new Key(s.frames(), s.state()),
                k -> new Seen(StateRules.classify(k.frames(), jdbcClasses, k.state()), parked(k.frames())));
    }

    /** A thread parked on a future or condition: the kernel shows a futex, and no socket is near. */
    private static boolean parked(List<String> frames) {
        for (int i = frames.size() - 1; i >= 0 && i >= frames.size() - 12; i--) {
            String f = frames.get(i);
            if (f.endsWith("/Unsafe.park") || f.startsWith("java/util/concurrent/locks/LockSupport.park")
                    || f.equals("java/lang/Object.wait0") || f.equals("java/lang/Object.wait")) {
                return true;
            }
        }
        return false;
    }
}
