package jspy.cli.output;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jspy.cli.profile.Bucket;
import jspy.cli.profile.Profile;
import jspy.cli.profile.Sample;

/**
 * Samples per frame name over the shown samples: self (the frame {@linkplain Sample#own owns} the
 * sample: the topmost Java frame, as top's %Own) and total (the frame
 * is anywhere on the stack, counted once per stack so recursion does not count twice). Thread
 * frames are left out: they are not code.
 */
final class TopFrames {
    /** One frame name's samples and the bucket most of them fell in. */
    record Entry(String name, long samples, Bucket bucket) {
    }

    private final Map<String, Map<Bucket, Long>> self = new HashMap<>();
    private final Map<String, Map<Bucket, Long>> total = new HashMap<>();

    TopFrames(Profile profile) {
        for (Sample s : profile.samples()) {
            List<String> stack = s.stack();
            if (!profile.shown(s) || stack.isEmpty()) {
                continue;
            }
            add(self, s.own(), s);
            Set<String> seen = new HashSet<>();
            for (String frame : stack) {
                if (seen.add(frame)) {
                    add(total, frame, s);
                }
            }
        }
    }

    private static void add(Map<String, Map<Bucket, Long>> into, String frame, Sample s) {
        into.computeIfAbsent(frame, f -> new EnumMap<>(Bucket.class)).merge(s.bucket(), s.count(), Long::sum);
    }

    List<Entry> bySelf(int limit) {
        return top(self, limit);
    }

    List<Entry> byTotal(int limit) {
        return top(total, limit);
    }

    /** Most samples first, then by name, so equal input gives equal output. */
    private static List<Entry> top(Map<String, Map<Bucket, Long>> counts, int limit) {
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, Map<Bucket, Long>> e : counts.entrySet()) {
            long sum = 0;
            Bucket dominant = null;
            long best = -1;
            for (Map.Entry<Bucket, Long> b : e.getValue().entrySet()) { // bucket order: ties go to the first
                sum += b.getValue();
                if (b.getValue() > best) {
                    best = b.getValue();
                    dominant = b.getKey();
                }
            }
            entries.add(new Entry(e.getKey(), sum, dominant));
        }
        entries.sort((a, b) -> a.samples() != b.samples() ? Long.compare(b.samples(), a.samples())
                : a.name().compareTo(b.name()));
        return entries.size() > limit ? List.copyOf(entries.subList(0, limit)) : entries;
    }
}
