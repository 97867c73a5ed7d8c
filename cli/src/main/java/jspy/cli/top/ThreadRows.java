package jspy.cli.top;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jspy.cli.profile.Bucket;

/**
 * The thread view's rows: one per thread (name and tid), or after {@code g} one per group of
 * threads ({@link ThreadId#group}), each with its share of the window, its seconds since the start
 * and its bucket mix in the window.
 */
final class ThreadRows {
    /**
     * key: what the cursor follows (unique); id: the tid ({@code #N} for a virtual thread's Thread
     * id), or in a group how many threads it holds.
     */
    record Row(String key, String name, String id, double pct, double seconds, Bucket bucket,
            Map<Bucket, Double> shares) {
    }

    private static final class Group {
        final String name;
        final String tid;
        final long[] window = new long[Tally.BUCKETS];
        final long[] accumulated = new long[Tally.BUCKETS];
        int threads;

        Group(String name, String tid) {
            this.name = name;
            this.tid = tid;
        }

        void add(long[] w, long[] a) {
            for (int b = 0; b < Tally.BUCKETS; b++) {
                window[b] += Tally.at(w, b);
                accumulated[b] += Tally.at(a, b);
            }
            threads++;
        }
    }

    private ThreadRows() {
    }

    /** rowBuckets: what the rows count (idle toggle and bucket filter); shown: the denominator's buckets. */
    static List<Row> of(Tally window, Tally accumulated, boolean[] rowBuckets, boolean[] shown, double rate,
                        boolean grouped, boolean byShare) {
        long denominator = Tally.sum(window.buckets, shown);
        Map<String, Group> groups = new LinkedHashMap<>();
        for (ThreadId t : Tally.union(window.threads, accumulated.threads)) {
            long[] w = window.threads.get(t);
            long[] a = accumulated.threads.get(t);
            if (sum(w, rowBuckets) == 0 && sum(a, rowBuckets) == 0) {
                continue;
            }
            String key = grouped ? t.group() : t.name() + " tid=" + t.tid();
            groups.computeIfAbsent(key, k -> grouped ? new Group(k, null) : new Group(t.name(), t.tid())).add(w, a);
        }
        List<Row> rows = new ArrayList<>(groups.size());
        groups.forEach((key, g) -> rows.add(row(key, g, rowBuckets, shown, denominator, rate)));
        Comparator<Row> order = byShare
                ? Comparator.comparingDouble(Row::pct).thenComparingDouble(Row::seconds)
                : Comparator.comparingDouble(Row::seconds).thenComparingDouble(Row::pct);
        rows.sort(order.reversed().thenComparing(Row::key));
        return rows;
    }

    private static Row row(String key, Group g, boolean[] rowBuckets, boolean[] shown, long denominator, double rate) {
        Map<Bucket, Double> shares = new LinkedHashMap<>();
        long threadShown = Tally.sum(g.window, shown);
        for (Bucket b : Tally.ALL) {
            if (shown[b.ordinal()] && g.window[b.ordinal()] > 0) {
                shares.put(b, TopStats.pct(g.window[b.ordinal()], threadShown));
            }
        }
        return new Row(key, g.name, g.tid != null ? g.tid : Integer.toString(g.threads),
                TopStats.pct(Tally.sum(g.window, rowBuckets), denominator), Tally.sum(g.accumulated, rowBuckets) / rate,
                Tally.dominant(g.window, g.accumulated, rowBuckets), shares);
    }

    private static long sum(long[] counts, boolean[] included) {
        return counts == null ? 0 : Tally.sum(counts, included);
    }
}
