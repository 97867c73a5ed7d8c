package jspy.cli.top;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jspy.cli.profile.Bucket;
import jspy.cli.profile.Sample;
import jspy.cli.sample.StackSample;
import jspy.cli.sample.Window;

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

    /**
     * What the sampler itself took in a window: its samples and the thread-seconds of the threads it
     * visits. Unmounted virtual threads are not among them: they come from thread dumps, each
     * weighing rate x the time since the dump before, so counting them would pull the figure toward
     * the asked rate whatever the sampler achieved, and hide that it fell behind. (Counted, with
     * 500 unnamed virtual threads taken for one thread, top showed a service 2820 Hz per thread.)
     */
    public record Sampled(long samples, double threadSeconds) {
    }

    private final double rate;
    private Tally window = new Tally();
    private Tally accumulated = new Tally();
    private WaitTally waits = new WaitTally();
    private final FrameCache cache = new FrameCache();
    private double windowSeconds;
    private Sampled sampled = new Sampled(0, 0);
    private long windows;
    private int virtualThreads;
    private int activeThreads;
    private Sort sort = Sort.OWN_PCT;
    private Bucket filter;
    private boolean idle;
    private boolean threadView;
    private boolean waitsView;
    private boolean grouped;
    private boolean small;
    private final TopView view = new TopView();

    public TopStats(double rateHz, boolean showIdle) {
        this.rate = rateHz;
        this.idle = showIdle;
    }

    /**
     * Takes one refresh of the stream, {@code seconds} long: the sampler's windows and the newest
     * virtual-thread dump (TopFeed); {@code taken} is what the sampler took in it, for the rate.
     */
    public void update(List<Window> windows, Set<String> jdbcClasses, double seconds, Sampled taken) {
        cache.jdbcClasses(jdbcClasses);
        Tally w = new Tally();
        WaitTally targets = new WaitTally();
        for (Window window : windows) {
            for (StackSample s : window.samples()) {
                FrameCache.Entry e = cache.entry(s.frames());
                Bucket bucket = cache.bucket(e, s.frames(), s.state());
                w.add(e.keyed, bucket, s.weight());
                targets.add(e.keyed.thread(), bucket, s.target(), s.weight());
            }
        }
        waits = targets;
        close(w, seconds, taken);
    }

    /** Samples already classified (tests), {@code seconds} long. */
    public void update(List<Sample> windowSamples, double seconds, Sampled taken) {
        Tally w = new Tally();
        for (Sample s : windowSamples) {
            w.add(cache.entry(s.frames()).keyed, s.bucket(), s.count());
        }
        close(w, seconds, taken);
    }

    private void close(Tally w, double seconds, Sampled taken) {
        w.close();
        accumulated.addAll(w);
        window = w;
        // counted once a window, not on each of its redraws: a window of 10,000 threads happens
        boolean[] busy = buckets(false, null);
        virtualThreads = 0;
        activeThreads = 0;
        for (Map.Entry<ThreadId, long[]> e : w.threads.entrySet()) {
            virtualThreads += e.getKey().virtual() ? 1 : 0;
            activeThreads += Tally.sum(e.getValue(), busy) > 0 ? 1 : 0;
        }
        windowSeconds = seconds;
        sampled = taken;
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
        Bucket[] all = Tally.ALL;
        int next = filter == null ? 0 : filter.ordinal() + 1;
        filter = next < all.length && (all[next] != Bucket.IDLE || idle) ? all[next] : null;
    }

    public void toggleIdle() {
        idle = !idle;
        if (!idle && filter == Bucket.IDLE) {
            filter = null;
        }
    }

    /** {@code w}: the Waits view, one row per peer, lock and pool; t or w again leaves it. */
    public void toggleWaits() {
        waitsView = !waitsView;
        threadView = false;
    }

    public boolean waitsView() {
        return waitsView;
    }

    /** The Waits view's rows for the last refresh, under the idle toggle and bucket filter. */
    List<WaitTally.Row> waitRows() {
        return waits.rows(window, buckets(idle, filter));
    }

    public void toggleThreads() {
        waitsView = false;
        threadView = !threadView;
    }

    /** {@code g}: one row per group of threads (ThreadId.group) rather than per thread. */
    public void toggleGrouped() {
        grouped = !grouped;
    }

    /** {@code a}: also the functions under 0.1% of the window and of the time since the start. */
    public void toggleSmall() {
        small = !small;
    }

    public boolean grouped() {
        return grouped;
    }

    public boolean smallShown() {
        return small;
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

    /** Threads with any sample in the window, virtual ones included. */
    public int threads() {
        return window.threads.size();
    }

    /** Virtual threads with any sample in the window (JDK 21+). */
    public int virtualThreads() {
        return virtualThreads;
    }

    /** Threads with a non-idle sample in the window. */
    public int activeThreads() {
        return activeThreads;
    }

    /** Samples the sampler should have taken in the window at the full rate. */
    public double expectedWindowSamples() {
        return sampled.threadSeconds() * rate;
    }

    /** Samples per thread-second the sampler took in the last window (virtual threads left out, see Sampled). */
    public double achievedHz() {
        return sampled.threadSeconds() > 0 ? sampled.samples() / sampled.threadSeconds() : 0;
    }

    public boolean behind() {
        return windows > 0 && sampled.samples() < BEHIND * expectedWindowSamples();
    }

    /** Each shown bucket's share of the window's shown samples, in percent, in the enum's order. */
    public Map<Bucket, Double> bucketShares() {
        boolean[] shown = buckets(idle, null);
        long denominator = Tally.sum(window.buckets, shown);
        Map<Bucket, Double> out = new LinkedHashMap<>();
        for (Bucket b : Tally.ALL) {
            if (shown[b.ordinal()]) {
                out.put(b, pct(window.buckets[b.ordinal()], denominator));
            }
        }
        return out;
    }

    /** The function table's rows, those under 0.1% left out unless shown. */
    public List<FunctionRows.Row> rows() {
        return functions().rows();
    }

    public FunctionRows.Functions functions() {
        return FunctionRows.of(window, accumulated, buckets(idle, filter), buckets(idle, null), rate, sort, small);
    }

    /** Where the user is in the tables: highlighted rows, scrolling, open callers. */
    public TopView view() {
        return view;
    }

    /** The caller chains of {@code function} under the current idle and bucket filter (see Callers). */
    public List<Callers.Row> callers(String function) {
        return Callers.of(function, window, accumulated, buckets(idle, filter), rate);
    }

    /** The thread view's rows: one per thread, or per group after {@code g}. */
    public List<ThreadRows.Row> threadRows() {
        return ThreadRows.of(window, accumulated, buckets(idle, filter), buckets(idle, null), rate, grouped,
                sort == Sort.OWN_PCT || sort == Sort.TOTAL_PCT);
    }

    private static boolean[] buckets(boolean withIdle, Bucket only) {
        boolean[] out = new boolean[Tally.BUCKETS];
        for (Bucket b : Tally.ALL) {
            out[b.ordinal()] = (only == null || only == b) && (withIdle || b != Bucket.IDLE);
        }
        return out;
    }

    static double pct(long part, long whole) {
        return whole == 0 ? 0 : 100.0 * part / whole;
    }
}
