package jspy.cli.top;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jspy.cli.profile.Bucket;
import jspy.cli.profile.WaitTarget;

/**
 * The Waits view's counts for one window: per wait target (a peer, a lock and its owner, a pool)
 * its samples and the threads waiting on it; and, for a lock, what its owner was doing in the same
 * window, read from the owner's own samples (its busiest bucket: a lock held by a thread that is
 * itself in jdbc says where to look next).
 */
final class WaitTally {
    /** One row: share of the window's samples, threads waiting, and the owner's bucket (null: no owner or not sampled). */
    record Row(Bucket bucket, WaitTarget target, double pct, int threads, Bucket ownerBucket) {
        String key() {
            return bucket.label() + " " + target.label();
        }
    }

    private record Key(Bucket bucket, WaitTarget target) {
    }

    private final Map<Key, long[]> samples = new HashMap<>();
    private final Map<Key, Set<ThreadId>> threads = new HashMap<>();

    void add(ThreadId thread, Bucket bucket, WaitTarget target, long weight) {
        if (target == null || weight <= 0) {
            return;
        }
        Key key = new Key(bucket, target);
        samples.computeIfAbsent(key, k -> new long[1])[0] += weight;
        threads.computeIfAbsent(key, k -> new HashSet<>()).add(thread);
    }

    /** The rows, busiest first; shares of the window's samples, idle ones left out as in the other views. */
    List<Row> rows(Tally window, boolean[] shown) {
        long total = Tally.sum(window.buckets, shown);
        List<Row> out = new ArrayList<>();
        for (Map.Entry<Key, long[]> e : samples.entrySet()) {
            Key k = e.getKey();
            if (shown[k.bucket().ordinal()]) {
                double pct = total > 0 ? 100.0 * e.getValue()[0] / total : 0;
                out.add(new Row(k.bucket(), k.target(), pct, threads.get(k).size(), ownerBucket(window, k.target())));
            }
        }
        out.sort(Comparator.comparingDouble(Row::pct).reversed().thenComparing(Row::key));
        return out;
    }

    /** The owner's busiest bucket in the window, or null when the lock has no named owner or it was not sampled. */
    private static Bucket ownerBucket(Tally window, WaitTarget target) {
        if (target.kind() != WaitTarget.Kind.LOCK || target.owner() == null) {
            return null;
        }
        long[] counts = null;
        for (Map.Entry<ThreadId, long[]> e : window.threads.entrySet()) {
            if (!e.getKey().virtual() && e.getKey().name().equals(target.owner())) {
                counts = e.getValue();
                break;
            }
        }
        if (counts == null) {
            return null;
        }
        int best = -1;
        for (int b = 0; b < counts.length; b++) {
            if (counts[b] > 0 && (best < 0 || counts[b] > counts[best])) {
                best = b;
            }
        }
        return best < 0 ? null : Tally.ALL[best];
    }
}
