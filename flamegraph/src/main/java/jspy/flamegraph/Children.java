package jspy.flamegraph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's children, keyed by their first frame, in the smallest shape that fits: none (null), one
 * run, an array of up to {@link #ARRAY_MAX}, then a map. Most runs have one child or none, and a
 * HashMap for each of millions of frames was most of the memory of a large flame graph.
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
        if (children instanceof Run[] few) {
            for (Run r : few) {
                if (r == null) {
                    return null;
                }
                if (r.first().equals(frame)) {
                    return r;
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
            Run[] few = new Run[2];
            few[0] = one;
            few[1] = run;
            return few;
        }
        if (children instanceof Run[] few) {
            int size = size(few);
            if (size < few.length) {
                few[size] = run;
                return few;
            }
            if (size < ARRAY_MAX) {
                Run[] more = Arrays.copyOf(few, Math.min(ARRAY_MAX, size * 2));
                more[size] = run;
                return more;
            }
            Map<String, Run> map = new HashMap<>();
            for (Run r : few) {
                map.put(r.first(), r);
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
        if (children instanceof Run[] few) {
            for (Run r : few) {
                if (r != null) {
                    list.add(r);
                }
            }
        } else {
            list.addAll(((Map<String, Run>) children).values());
        }
        list.sort((a, b) -> a.first().compareTo(b.first()));
        return list;
    }

    private static int size(Run[] few) {
        int n = 0;
        while (n < few.length && few[n] != null) {
            n++;
        }
        return n;
    }
}
