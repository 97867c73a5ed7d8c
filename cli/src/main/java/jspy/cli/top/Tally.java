package jspy.cli.top;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jspy.cli.profile.Bucket;
import jspy.cli.profile.Frames;
import jspy.cli.profile.Sample;

/**
 * Sample counts per function, per thread and per bucket, for one window or accumulated since the
 * start. Counts are kept per bucket so that the idle toggle and the bucket filter apply to any
 * tally without re-reading the stacks.
 */
final class Tally {
    static final int BUCKETS = Bucket.values().length;

    final Map<String, long[]> own = new HashMap<>();
    final Map<String, long[]> total = new HashMap<>();
    final Map<ThreadId, long[]> threads = new HashMap<>();
    /** Per distinct stack, root first, thread frame left out and cut at the owning frame: what the callers view reads. */
    final Map<List<String>, long[]> stacks = new HashMap<>();
    final long[] buckets = new long[BUCKETS];
    long samples;
    long errors;

    /**
     * A sample's frames as top shows them, worked out once and added to both the window's tally
     * and the accumulated one. With 1,000 threads a window holds ~1,000 stacks of 10-20 frames, and
     * naming each frame twice per window was a fifth of top's steady CPU (JDK 17, 2026-11-30).
     */
    record Keyed(ThreadId thread, boolean error, String own, List<String> stack, List<String> distinct) {
    }

    private static final ThreadId UNKNOWN = new ThreadId("?", "", false);

    static Keyed key(List<String> frames, FrameCache cache) {
        int first = !frames.isEmpty() && Frames.isThread(frames.get(0)) ? 1 : 0;
        ThreadId thread = first == 1 ? cache.thread(frames.get(0)) : UNKNOWN;
        boolean error = isError(frames, first);
        int leaf = leaf(frames, first);
        if (leaf < first) {
            return new Keyed(thread, error, null, List.of(), List.of());
        }
        List<String> stack = new ArrayList<>(leaf - first + 1);
        Set<String> seen = new HashSet<>();
        List<String> distinct = new ArrayList<>(leaf - first + 1);
        for (int i = first; i <= leaf; i++) {
            String name = cache.function(frames.get(i));
            stack.add(name);
            if (seen.add(name)) { // recursion counts once per stack, as in py-spy
                distinct.add(name);
            }
        }
        return new Keyed(thread, error, stack.get(stack.size() - 1), stack, distinct);
    }

    void add(Keyed k, Bucket bucket, long count) {
        if (count <= 0) {
            return;
        }
        int b = bucket.ordinal();
        samples += count;
        buckets[b] += count;
        threads.computeIfAbsent(k.thread(), x -> new long[BUCKETS])[b] += count;
        if (k.error()) {
            errors += count;
        }
        if (k.own() == null) {
            return;
        }
        own.computeIfAbsent(k.own(), x -> new long[BUCKETS])[b] += count;
        for (String name : k.distinct()) {
            total.computeIfAbsent(name, x -> new long[BUCKETS])[b] += count;
        }
        stacks.computeIfAbsent(k.stack(), x -> new long[BUCKETS])[b] += count;
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
        return best < 0 ? null : Bucket.values()[best];
    }

    static long at(long[] counts, int b) {
        return counts == null ? 0 : counts[b];
    }
}
