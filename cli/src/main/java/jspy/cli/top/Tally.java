package jspy.cli.top;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jspy.cli.profile.Bucket;
import jspy.cli.profile.Frames;
import jspy.cli.profile.Sample;

/**
 * Sample counts per function, per thread and per bucket, for one window or accumulated since the
 * start. Counts are kept per bucket so that the idle toggle and the bucket filter apply to any
 * tally without re-reading the stacks. A window counts each sample against its thread and its
 * stack; the per-function counts come from the stacks when the window closes, once per distinct
 * stack: with 1,000 idle threads parked alike, once rather than 1,000 times (two map updates per
 * frame per sample were a fifth of top's CPU beside record's, JDK 17, issue 23).
 */
final class Tally {
    /** Bucket.values() once: each call copies the array, and the tables asked for it per row (4% of a refresh). */
    static final Bucket[] ALL = Bucket.values();
    static final int BUCKETS = ALL.length;

    final Map<String, long[]> own = new HashMap<>();
    final Map<String, long[]> total = new HashMap<>();
    final Map<ThreadId, long[]> threads = new HashMap<>();
    /** Per distinct stack: what the callers view reads. */
    final Map<Stack, long[]> stacks = new HashMap<>();
    final long[] buckets = new long[BUCKETS];
    long samples;
    long errors;

    /**
     * A stack as top shows it, thread frame left out and cut at the owning frame, its frames named
     * (Tally.name), and each function once (recursion counts once per stack, as in py-spy). One
     * object per distinct stack (FrameCache), compared by identity.
     */
    static final class Stack {
        final List<String> frames;
        final String own;
        final List<String> distinct;
        final boolean error;

        Stack(List<String> frames, List<String> distinct, boolean error) {
            this.frames = frames;
            this.own = frames.isEmpty() ? null : frames.get(frames.size() - 1);
            this.distinct = distinct;
            this.error = error;
        }
    }

    /** A sample's thread and stack, worked out once per distinct sample of the session (FrameCache). */
    record Keyed(ThreadId thread, Stack stack) {
    }

    void add(Keyed k, Bucket bucket, long count) {
        if (count <= 0) {
            return;
        }
        int b = bucket.ordinal();
        samples += count;
        buckets[b] += count;
        threads.computeIfAbsent(k.thread(), x -> new long[BUCKETS])[b] += count;
        if (k.stack().error) {
            errors += count;
        }
        stacks.computeIfAbsent(k.stack(), x -> new long[BUCKETS])[b] += count;
    }

    /** Derives the per-function counts of a window from its stacks; once, after the last add. */
    void close() {
        for (Map.Entry<Stack, long[]> e : stacks.entrySet()) {
            Stack stack = e.getKey();
            if (stack.own != null) {
                merge(own, stack.own, e.getValue());
                for (String name : stack.distinct) {
                    merge(total, name, e.getValue());
                }
            }
        }
    }

    /** Adds a closed window to these totals. */
    void addAll(Tally window) {
        samples += window.samples;
        errors += window.errors;
        for (int b = 0; b < BUCKETS; b++) {
            buckets[b] += window.buckets[b];
        }
        window.threads.forEach((t, c) -> merge(threads, t, c));
        window.stacks.forEach((s, c) -> merge(stacks, s, c));
        window.own.forEach((f, c) -> merge(own, f, c));
        window.total.forEach((f, c) -> merge(total, f, c));
    }

    private static <K> void merge(Map<K, long[]> into, K key, long[] counts) {
        long[] sum = into.computeIfAbsent(key, k -> new long[BUCKETS]);
        for (int b = 0; b < BUCKETS; b++) {
            sum[b] += counts[b];
        }
    }

    /**
     * The frame that owns the sample: the topmost Java frame, so that a Java method blocked in
     * libc or the kernel (socketRead0 over recv, park over futex) shows as the busy method and the
     * native frames above it do not crowd the table; the bucket column still says what it waited
     * on. A stack without Java frames (GC, compiler threads) is owned by its native leaf.
     */
    static int leaf(List<String> frames, int first) {
        int own = Sample.ownIndex(frames, first); // one definition, shared with the JSON summary's topSelf
        return own < 0 ? frames.size() - 1 : own;
    }

    /**
     * async-profiler records a failed stack walk as a single bracketed frame under the thread, e.g.
     * {@code [not_walkable_Java]}, {@code [unknown_Java]} or {@code [no_Java_frame]}.
     */
    static boolean isError(List<String> frames, int first) {
        if (frames.size() - first != 1) {
            return frames.size() == first;
        }
        String f = frames.get(first);
        return f.startsWith("[") && f.endsWith("]");
    }

    /** {@code com/acme/Parser.parse} becomes {@code com.acme.Parser.parse}; native frames stay as they are. */
    static String name(String frame) {
        return Frames.isJava(frame) ? frame.replace('/', '.') : frame;
    }

    static long sum(long[] counts, boolean[] included) {
        long n = 0;
        for (int b = 0; b < BUCKETS; b++) {
            if (included[b]) {
                n += counts[b];
            }
        }
        return n;
    }

    /** The included bucket with the most samples in {@code window}, ties broken by {@code accumulated}; null if none. */
    static Bucket dominant(long[] window, long[] accumulated, boolean[] included) {
        int best = -1;
        for (int b = 0; b < BUCKETS; b++) {
            long w = at(window, b);
            long a = at(accumulated, b);
            if (!included[b] || w == 0 && a == 0) {
                continue;
            }
            if (best < 0 || w > at(window, best) || w == at(window, best) && a > at(accumulated, best)) {
                best = b;
            }
        }
        return best < 0 ? null : ALL[best];
    }

    /**
     * The keys of a window's tally and the accumulated one: the accumulated keys already hold every
     * window's since a reset, so only right after a reset is a set built (750 functions a refresh).
     */
    static <K> Collection<K> union(Map<K, long[]> window, Map<K, long[]> accumulated) {
        if (accumulated.keySet().containsAll(window.keySet())) {
            return accumulated.keySet();
        }
        Set<K> out = new LinkedHashSet<>(accumulated.keySet());
        out.addAll(window.keySet());
        return out;
    }

    static long at(long[] counts, int b) {
        return counts == null ? 0 : counts[b];
    }
}
