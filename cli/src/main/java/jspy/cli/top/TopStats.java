package jspy.cli.top;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jspy.cli.profile.Bucket;
import jspy.cli.profile.Sample;

/**
 * The model behind {@code jspy top}, free of any terminal: each window of the sample stream (an
 * exact time window, closed by the agent every --delay) is shown and also added to the totals
 * since the start or the last reset. Percentages are of the current window; times are
 * accumulated samples divided by the rate. Idle samples count only when shown; the bucket filter
 * narrows the rows but not the denominator, so a filtered row keeps the share it had unfiltered.
 */
public final class TopStats {
    /** Sampling is "behind" when a window holds less than this share of threads x rate x seconds. */
    public static final double BEHIND = jspy.cli.profile.Profile.BEHIND;

    public enum Sort {
        OWN_PCT("%Own"), TOTAL_PCT("%Total"), OWN_TIME("OwnTime"), TOTAL_TIME("TotalTime");

        private final String label;

        Sort(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** One function: shares of the current window, seconds since the start, dominant bucket. */
    public record Row(String name, double ownPct, double totalPct, double ownSeconds, double totalSeconds,
            Bucket bucket) {
    }

    /** One thread: share of the window, seconds since the start, dominant bucket, its own bucket mix. */
    public record ThreadRow(String name, double pct, double seconds, Bucket bucket, Map<Bucket, Double> shares) {
    }

    private final double rate;
    private Tally window = new Tally();
    private Tally accumulated = new Tally();
    /** Frame → the name top shows (Tally.name), kept across windows. */
    private final Map<String, String> names = new HashMap<>();
    private static final int MAX_NAMES = 200_000;
    private double windowSeconds;
    private double threadSeconds;
    private long windows;
    private Sort sort = Sort.OWN_PCT;
    private Bucket filter;
    private boolean idle;
    private boolean threadView;
    private final TopView view = new TopView();

    public TopStats(double rateHz, boolean showIdle) {
        this.rate = rateHz;
        this.idle = showIdle;
    }

    /** Takes one exact time window of samples from the stream, {@code seconds} long, every thread alive all along. */
    public void update(List<Sample> windowSamples, double seconds) {
        update(windowSamples, seconds, Double.NaN);
    }

    /** threadSeconds: how long the window's threads were alive in it (Window.threadSeconds); NaN: all along. */
    public void update(List<Sample> windowSamples, double seconds, double threadSeconds) {
        Tally w = new Tally();
        if (names.size() > MAX_NAMES) {
            names.clear(); // a cache, not a record: bounded for a session of days on generated code
        }
        for (Sample s : windowSamples) {
            if (s.count() > 0) {
                Tally.Keyed k = Tally.key(s.frames(), names);
                w.add(k, s.bucket(), s.count());
                accumulated.add(k, s.bucket(), s.count());
            }
        }
        window = w;
        windowSeconds = seconds;
        this.threadSeconds = Double.isNaN(threadSeconds) ? w.threads.size() * seconds : threadSeconds;
        windows++;
    }

    /** Forgets the totals (times, sample and error counts); the current window stays on screen. */
    public void reset() {
        accumulated = new Tally();
    }

    public void sort(Sort by) {
        sort = by;
    }

    /** all, then each shown bucket in the enum's order, then all again. */
    public void cycleFilter() {
        Bucket[] all = Bucket.values();
        int next = filter == null ? 0 : filter.ordinal() + 1;
        filter = next < all.length && (all[next] != Bucket.IDLE || idle) ? all[next] : null;
    }

    public void toggleIdle() {
        idle = !idle;
        if (!idle && filter == Bucket.IDLE) {
            filter = null;
        }
    }

    public void toggleThreads() {
        threadView = !threadView;
    }

    public Sort sort() {
        return sort;
    }

    public Bucket filter() {
        return filter;
    }

    public boolean idle() {
        return idle;
    }

    public boolean threadView() {
        return threadView;
    }

    public double rate() {
        return rate;
    }

    /** Windows seen so far; 0 until the first snapshot arrived. */
    public long windows() {
        return windows;
    }

    public double windowSeconds() {
        return windowSeconds;
    }

    public long samples() {
        return accumulated.samples;
    }

    public long errors() {
        return accumulated.errors;
    }

    public long windowSamples() {
        return window.samples;
    }

    /** Threads with any sample in the window. */
    public int threads() {
        return window.threads.size();
    }

    /** Threads with a non-idle sample in the window. */
    public int activeThreads() {
        int n = 0;
        for (long[] counts : window.threads.values()) {
            if (Tally.sum(counts, buckets(false, null)) > 0) {
                n++;
            }
        }
        return n;
    }

    /** Samples the window should hold if every thread was sampled at the full rate. */
    public double expectedWindowSamples() {
        return rate * threadSeconds;
    }

    /** Samples per thread-second in the last window: the per-thread rate achieved. */
    public double achievedHz() {
        return threadSeconds > 0 ? window.samples / threadSeconds : 0;
    }

    public boolean behind() {
        return windows > 0 && window.samples < BEHIND * expectedWindowSamples();
    }

    /** Each shown bucket's share of the window's shown samples, in percent, in the enum's order. */
    public Map<Bucket, Double> bucketShares() {
        boolean[] shown = buckets(idle, null);
        long denominator = Tally.sum(window.buckets, shown);
        Map<Bucket, Double> out = new LinkedHashMap<>();
        for (Bucket b : Bucket.values()) {
            if (shown[b.ordinal()]) {
                out.put(b, pct(window.buckets[b.ordinal()], denominator));
            }
        }
        return out;
    }

    public List<Row> rows() {
        boolean[] rowBuckets = buckets(idle, filter);
        long denominator = Tally.sum(window.buckets, buckets(idle, null));
        List<Row> rows = new ArrayList<>();
        for (String name : union(window.total, accumulated.total)) {
            long totalWindow = Tally.sum(count(window.total, name), rowBuckets);
            long totalAll = Tally.sum(count(accumulated.total, name), rowBuckets);
            if (totalWindow == 0 && totalAll == 0) {
                continue;
            }
            rows.add(new Row(name, pct(Tally.sum(count(window.own, name), rowBuckets), denominator),
                    pct(totalWindow, denominator), Tally.sum(count(accumulated.own, name), rowBuckets) / rate,
                    totalAll / rate, Tally.dominant(window.total.get(name), accumulated.total.get(name), rowBuckets)));
        }
        Comparator<Row> order = switch (sort) {
            case OWN_PCT -> Comparator.comparingDouble(Row::ownPct).thenComparingDouble(Row::ownSeconds);
            case TOTAL_PCT -> Comparator.comparingDouble(Row::totalPct).thenComparingDouble(Row::totalSeconds);
            case OWN_TIME -> Comparator.comparingDouble(Row::ownSeconds).thenComparingDouble(Row::ownPct);
            case TOTAL_TIME -> Comparator.comparingDouble(Row::totalSeconds).thenComparingDouble(Row::totalPct);
        };
        rows.sort(order.reversed().thenComparing(Row::name));
        return rows;
    }

    /** Where the user is in the tables: highlighted rows, scrolling, open callers. */
    public TopView view() {
        return view;
    }

    /** The caller chains of {@code function} under the current idle and bucket filter (see Callers). */
    public List<Callers.Row> callers(String function) {
        return Callers.of(function, window, accumulated, buckets(idle, filter), rate);
    }

    public List<ThreadRow> threadRows() {
        boolean[] rowBuckets = buckets(idle, filter);
        boolean[] shown = buckets(idle, null);
        long denominator = Tally.sum(window.buckets, shown);
        List<ThreadRow> rows = new ArrayList<>();
        for (String name : union(window.threads, accumulated.threads)) {
            long[] w = window.threads.get(name);
            long inWindow = Tally.sum(count(window.threads, name), rowBuckets);
            long all = Tally.sum(count(accumulated.threads, name), rowBuckets);
            if (inWindow == 0 && all == 0) {
                continue;
            }
            Map<Bucket, Double> shares = new LinkedHashMap<>();
            long threadShown = w == null ? 0 : Tally.sum(w, shown);
            for (Bucket b : Bucket.values()) {
                if (w != null && shown[b.ordinal()] && w[b.ordinal()] > 0) {
                    shares.put(b, pct(w[b.ordinal()], threadShown));
                }
            }
            rows.add(new ThreadRow(name, pct(inWindow, denominator), all / rate,
                    Tally.dominant(w, accumulated.threads.get(name), rowBuckets), shares));
        }
        Comparator<ThreadRow> order = sort == Sort.OWN_PCT || sort == Sort.TOTAL_PCT
                ? Comparator.comparingDouble(ThreadRow::pct).thenComparingDouble(ThreadRow::seconds)
                : Comparator.comparingDouble(ThreadRow::seconds).thenComparingDouble(ThreadRow::pct);
        rows.sort(order.reversed().thenComparing(ThreadRow::name));
        return rows;
    }

    private static boolean[] buckets(boolean withIdle, Bucket only) {
        boolean[] out = new boolean[Tally.BUCKETS];
        for (Bucket b : Bucket.values()) {
            out[b.ordinal()] = (only == null || only == b) && (withIdle || b != Bucket.IDLE);
        }
        return out;
    }

    private static long[] count(Map<String, long[]> counts, String name) {
        long[] c = counts.get(name);
        return c == null ? new long[Tally.BUCKETS] : c;
    }

    private static Set<String> union(Map<String, long[]> a, Map<String, long[]> b) {
        Set<String> out = new LinkedHashSet<>(a.keySet());
        out.addAll(b.keySet());
        return out;
    }

    private static double pct(long part, long whole) {
        return whole == 0 ? 0 : 100.0 * part / whole;
    }
}
