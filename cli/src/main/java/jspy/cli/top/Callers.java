package jspy.cli.top;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jspy.cli.profile.Bucket;

/**
 * The stacks through one function, grouped by the chain of callers that led to it: what Enter
 * shows for the highlighted row. A stack counts for its outermost call of the function (so a
 * recursive function is reached once per stack, as in %Total); the chain runs from that call down
 * to the thread's root frame.
 */
public final class Callers {
    /**
     * One caller chain, nearest caller first (empty when the function is the root), its share of
     * the function's samples in the window, its seconds since the start, and its dominant bucket.
     */
    public record Row(List<String> chain, double pct, double seconds, Bucket bucket) {
    }

    private Callers() {
    }

    static List<Row> of(String function, Tally window, Tally accumulated, boolean[] rowBuckets, double rate) {
        Map<List<String>, long[]> inWindow = chains(function, window);
        Map<List<String>, long[]> all = chains(function, accumulated);
        long denominator = 0;
        for (long[] counts : inWindow.values()) {
            denominator += Tally.sum(counts, rowBuckets);
        }
        Set<List<String>> keys = new LinkedHashSet<>(inWindow.keySet());
        keys.addAll(all.keySet());
        List<Row> rows = new ArrayList<>();
        for (List<String> chain : keys) {
            long w = inWindow.containsKey(chain) ? Tally.sum(inWindow.get(chain), rowBuckets) : 0;
            long a = all.containsKey(chain) ? Tally.sum(all.get(chain), rowBuckets) : 0;
            if (w == 0 && a == 0) {
                continue;
            }
            rows.add(new Row(chain, denominator == 0 ? 0 : 100.0 * w / denominator, a / rate,
                    Tally.dominant(inWindow.get(chain), all.get(chain), rowBuckets)));
        }
        rows.sort(Comparator.comparingDouble(Row::pct).thenComparingDouble(Row::seconds).reversed()
                .thenComparing(r -> String.join(";", r.chain())));
        return rows;
    }

    /** Counts per caller chain (nearest caller first) over the stacks that pass through {@code function}. */
    private static Map<List<String>, long[]> chains(String function, Tally tally) {
        Map<List<String>, long[]> out = new HashMap<>();
        for (Map.Entry<Tally.Stack, long[]> e : tally.stacks.entrySet()) {
            List<String> stack = e.getKey().frames;
            int at = stack.indexOf(function);
            if (at < 0) {
                continue;
            }
            List<String> chain = new ArrayList<>(stack.subList(0, at));
            Collections.reverse(chain);
            long[] sum = out.computeIfAbsent(chain, k -> new long[Tally.BUCKETS]);
            for (int b = 0; b < Tally.BUCKETS; b++) {
                sum[b] += e.getValue()[b];
            }
        }
        return out;
    }
}
