package jspy.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/** A figure's rounds: the median, and the spread as min–max over the rounds. */
final class Stats {
    private final List<Double> values = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();

    void add(double v) {
        values.add(v);
    }

    void fail(String why) {
        failures.add(why);
    }

    int n() {
        return values.size();
    }

    boolean empty() {
        return values.isEmpty();
    }

    double median() {
        List<Double> s = sorted();
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    double min() {
        return sorted().get(0);
    }

    double max() {
        List<Double> s = sorted();
        return s.get(s.size() - 1);
    }

    private List<Double> sorted() {
        List<Double> s = new ArrayList<>(values);
        Collections.sort(s);
        return s;
    }

    /** "0.991 (0.985–0.995, n=5)", or why there is no figure. */
    String format(DoubleFunction<String> fmt) {
        if (values.isEmpty()) {
            return failures.isEmpty() ? "n/a" : "failed: " + failures.get(0);
        }
        String s = fmt.apply(median()) + " (" + fmt.apply(min()) + "–" + fmt.apply(max()) + ", n=" + n() + ")";
        return failures.isEmpty() ? s : s + " [" + failures.size() + " failed: " + failures.get(0) + "]";
    }

    static String f(String pattern, double v) {
        return String.format(Locale.ROOT, pattern, v);
    }
}
