package jspy.cli.diff;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jspy.cli.base.Printable;

/**
 * Self samples per owning frame ({@link jspy.cli.profile.Sample#own}) in both profiles, and the
 * frames whose self share grew or shrank beyond noise. A frame only BASE has is a shrink to zero:
 * it is not in NEW's flame graph, so the list is the one place it shows. Changes
 * within noise are left out of the lists and only counted.
 */
final class SelfChanges {
    private final Map<String, long[]> self = new HashMap<>(); // name -> {base, new}

    void add(String frame, int side, long samples) {
        self.computeIfAbsent(frame, k -> new long[2])[side] += samples;
    }

    /** Frames whose self share grew (or shrank) beyond noise, the largest change first. */
    List<Differential.Change> beyondNoise(Significance test, long baseTotal, long newTotal, boolean grew) {
        List<Differential.Change> changes = new ArrayList<>();
        for (Map.Entry<String, long[]> e : self.entrySet()) {
            long before = e.getValue()[0];
            long after = e.getValue()[1];
            double d = Differential.deltaPp(before, baseTotal, after, newTotal);
            if ((grew ? d > 0 : d < 0) && test.beyondNoise(before, after)) {
                changes.add(new Differential.Change(e.getKey(), d, before, after));
            }
        }
        changes.sort(Comparator.comparingDouble((Differential.Change c) -> -Math.abs(c.deltaPp()))
                .thenComparing(Differential.Change::frame));
        return changes;
    }

    /** Frames whose self share changed, but within noise. */
    int withinNoise(Significance test, long baseTotal, long newTotal) {
        int n = 0;
        for (Map.Entry<String, long[]> e : self.entrySet()) {
            long before = e.getValue()[0];
            long after = e.getValue()[1];
            boolean changed = Math.abs(Differential.deltaPp(before, baseTotal, after, newTotal)) >= 0.005;
            n += changed && !test.beyondNoise(before, after) ? 1 : 0;
        }
        return n;
    }

    static String line(Differential.Change c) {
        String where = c.newSelf() == 0 ? " (only in BASE)" : c.baseSelf() == 0 ? " (only in NEW)" : "";
        return String.format(Locale.ROOT, "%+.1f pp %s%s", c.deltaPp(), Printable.of(c.frame()), where);
    }
}
