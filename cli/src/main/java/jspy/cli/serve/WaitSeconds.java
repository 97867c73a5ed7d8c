package jspy.cli.serve;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jspy.cli.profile.Bucket;
import jspy.cli.profile.Sample;
import jspy.cli.profile.WaitTarget;

/**
 * Thread-seconds per wait target of one JVM, for {@code jspy_wait_seconds_total}: at most {@link
 * #LIMIT} targets of their own, the rest summed as {@code other} per bucket, so that a service
 * talking to thousands of peers cannot blow up Prometheus. A target keeps its series once it has
 * one: a counter that moved into {@code other} when a busier target came would make both rates
 * jump. New targets are admitted busiest first within the window that brings them, so the busiest
 * targets of the first minutes get the series, which is what a steady service keeps.
 */
final class WaitSeconds {
    /** Series of their own per JVM; 10 keeps 50 JVMs under 500 target series. */
    static final int LIMIT = 10;
    static final String OTHER = "other";

    private final Map<Key, Double> seconds = new LinkedHashMap<>();
    private int named;

    record Key(Bucket bucket, String target) {
    }

    /** Adds a window's samples, each worth perSample thread-seconds. */
    synchronized void add(List<Sample> samples, double perSample) {
        Map<Key, Double> window = new LinkedHashMap<>();
        for (Sample s : samples) {
            WaitTarget t = s.target();
            if (t != null) {
                window.merge(new Key(s.bucket(), t.label()), s.count() * perSample, Double::sum);
            }
        }
        List<Map.Entry<Key, Double>> busiest = new ArrayList<>(window.entrySet());
        busiest.sort(Map.Entry.<Key, Double>comparingByValue(Comparator.reverseOrder()));
        for (Map.Entry<Key, Double> e : busiest) {
            Key key = e.getKey();
            if (!seconds.containsKey(key) && named < LIMIT) {
                seconds.put(key, 0.0);
                named++;
            }
            Key into = seconds.containsKey(key) ? key : new Key(key.bucket(), OTHER);
            seconds.merge(into, e.getValue(), Double::sum);
        }
    }

    /** A copy of the counters, in the order targets came. */
    synchronized Map<Key, Double> snapshot() {
        return new LinkedHashMap<>(seconds);
    }
}
