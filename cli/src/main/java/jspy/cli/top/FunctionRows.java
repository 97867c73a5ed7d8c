package jspy.cli.top;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import jspy.cli.profile.Bucket;

/** The function table's rows: each function's shares of the window and its seconds since the start. */
final class FunctionRows {
    /** One function: shares of the current window, seconds since the start, dominant bucket. */
    record Row(String name, double ownPct, double totalPct, double ownSeconds, double totalSeconds, Bucket bucket) {
    }

    /** The rows, and how many rows under 0.1% were left out (TopStats.toggleSmall). */
    record Functions(List<Row> rows, int hidden) {
    }

    private FunctionRows() {
    }

    /** rowBuckets: what the rows count (idle toggle and bucket filter); shown: the denominator's buckets. */
    static Functions of(Tally window, Tally accumulated, boolean[] rowBuckets, boolean[] shown, double rate,
                        TopStats.Sort sort, boolean small) {
        long denominator = Tally.sum(window.buckets, shown);
        long accumulatedDenominator = Tally.sum(accumulated.buckets, shown);
        List<Row> rows = new ArrayList<>();
        int hidden = 0;
        for (String name : Tally.union(window.total, accumulated.total)) {
            long[] inWindow = window.total.get(name);
            long[] all = accumulated.total.get(name);
            long totalWindow = sum(inWindow, rowBuckets);
            long totalAll = sum(all, rowBuckets);
            if (totalWindow == 0 && totalAll == 0) {
                continue;
            }
            if (!small && small(totalWindow, denominator) && small(totalAll, accumulatedDenominator)) {
                hidden++; // most of a JVM's functions: their own counts are never looked up
                continue;
            }
            rows.add(new Row(name, TopStats.pct(sum(window.own.get(name), rowBuckets), denominator),
                    TopStats.pct(totalWindow, denominator), sum(accumulated.own.get(name), rowBuckets) / rate,
                    totalAll / rate, Tally.dominant(inWindow, all, rowBuckets)));
        }
        Comparator<Row> order = switch (sort) {
            case OWN_PCT -> Comparator.comparingDouble(Row::ownPct).thenComparingDouble(Row::ownSeconds);
            case TOTAL_PCT -> Comparator.comparingDouble(Row::totalPct).thenComparingDouble(Row::totalSeconds);
            case OWN_TIME -> Comparator.comparingDouble(Row::ownSeconds).thenComparingDouble(Row::ownPct);
            case TOTAL_TIME -> Comparator.comparingDouble(Row::totalSeconds).thenComparingDouble(Row::totalPct);
        };
        rows.sort(order.reversed().thenComparing(Row::name));
        return new Functions(rows, hidden);
    }

    /**
     * Under 0.1% of the window and of the time since the start: a JVM's own frames (C1, GC,
     * safepoints) are a long tail at 0.0% that took a service's functions list to 281 rows.
     * %Total decides, as a function's own share is never above it.
     */
    private static boolean small(long part, long whole) {
        return part * 1000 < whole || whole == 0;
    }

    private static long sum(long[] counts, boolean[] included) {
        return counts == null ? 0 : Tally.sum(counts, included);
    }
}
