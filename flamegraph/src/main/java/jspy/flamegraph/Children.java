package jspy.flamegraph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's children, keyed by their first frame, in the smallest shape that fits: none (null), one
 * run, an array of up to {@link #ARRAY_MAX} (first frame, run) pairs, then a map. Most runs have one
 * child or none, and a HashMap for each of millions of frames was most of the memory of a large
 * flame graph. The pairs let a lookup compare names, usually the very same String instance, without
 * touching each run.
 */
final class Children {
    static final int ARRAY_MAX = 8;

    private Children() {
    }

    /** The child whose first frame is {@code frame}, or null. */
    @SuppressWarnings("unchecked")
    static Run find(Object children, String frame) {
        if (children == null) {
            return null;
        }
        if (children instanceof Run one) {
            return one.first().equals(frame) ? one : null;
        }
        if (children instanceof Object[] pairs) {
            for (int i = 0; i < pairs.length && pairs[i] != null; i += 2) {
                if (pairs[i] == frame) {
                    return (Run) pairs[i + 1];
                }
            }
            for (int i = 0; i < pairs.length && pairs[i] != null; i += 2) {
                if (pairs[i].equals(frame)) {
                    return (Run) pairs[i + 1];
                }
            }
            return null;
        }
        return ((Map<String, Run>) children).get(frame);
    }

    /** {@code children} with {@code run} added; its first frame must not be there yet. */
    @SuppressWarnings("unchecked")
    static Object with(Object children, Run run) {
        if (children == null) {
            return run;
        }
        if (children instanceof Run one) {
            return new Object[] {one.first(), one, run.first(), run};
        }
        if (children instanceof Object[] pairs) {
            int size = size(pairs);
            if (size * 2 < pairs.length) {
                pairs[size * 2] = run.first();
                pairs[size * 2 + 1] = run;
                return pairs;
            }
            if (size < ARRAY_MAX) {
                Object[] more = Arrays.copyOf(pairs, 2 * Math.min(ARRAY_MAX, size * 2));
                more[size * 2] = run.first();
                more[size * 2 + 1] = run;
                return more;
            }
            Map<String, Run> map = new HashMap<>();
            for (int i = 0; i < pairs.length; i += 2) {
                map.put((String) pairs[i], (Run) pairs[i + 1]);
            }
            map.put(run.first(), run);
            return map;
        }
        ((Map<String, Run>) children).put(run.first(), run);
        return children;
    }

    /** Sorted by first frame like flamegraph.pl, so equal input gives equal bytes. */
    @SuppressWarnings("unchecked")
    static List<Run> sorted(Object children) {
        if (children == null) {
            return Collections.emptyList();
        }
        if (children instanceof Run one) {
            return List.of(one);
        }
        List<Run> list = new ArrayList<>();
        if (children instanceof Object[] pairs) {
            for (int i = 0; i < pairs.length && pairs[i] != null; i += 2) {
                list.add((Run) pairs[i + 1]);
            }
        } else {
            list.addAll(((Map<String, Run>) children).values());
        }
        list.sort((a, b) -> a.first().compareTo(b.first()));
        return list;
    }

    /** Pairs held. */
    private static int size(Object[] pairs) {
        int n = 0;
        while (n * 2 < pairs.length && pairs[n * 2] != null) {
            n++;
        }
        return n;
    }
}
