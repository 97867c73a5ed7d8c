package jspy.cli.profile;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a recording produced: the samples and what they came from. Writers read it; the idle
 * bucket is part of it and each view decides whether to show it.
 *
 * @param rateHz the per-thread rate achieved (samples / thread-seconds), which is what was asked
 *               when nothing better is known (folded input)
 * @param requestedHz the per-thread rate asked for
 * @param timeline the samples in time order per thread, or null when no output needs it
 * @param notes how the samples were taken, where it is not plain wall-clock sampling (virtual threads)
 */
public record Profile(TargetInfo target, List<Sample> samples, double seconds, double rateHz,
                      boolean showIdle, boolean showThreads, double requestedHz, Timeline timeline, List<String> notes) {

    /** Sampling "fell behind" when it achieved less than this share of the rate asked. */
    public static final double BEHIND = 0.9;

    public Profile(TargetInfo target, List<Sample> samples, double seconds, double rateHz, boolean showIdle,
                   boolean showThreads) {
        this(target, samples, seconds, rateHz, showIdle, showThreads, rateHz, null, List.of());
    }

    /** These notes after the profile's own. */
    public Profile plusNotes(List<String> more) {
        List<String> all = new java.util.ArrayList<>(notes);
        all.addAll(more);
        return withNotes(all);
    }

    /** The same profile with these notes instead. */
    public Profile withNotes(List<String> newNotes) {
        return new Profile(target, samples, seconds, rateHz, showIdle, showThreads, requestedHz, timeline,
                List.copyOf(newNotes));
    }

    /**
     * "achieved 9.7 Hz of 100 Hz asked" when sampling fell more than 10% short, else null: the
     * final line and the SVG subtitle say so rather than showing a rate that was not delivered.
     */
    public String rateNote() {
        if (requestedHz <= 0 || rateHz >= BEHIND * requestedHz || samples.isEmpty()) {
            return null;
        }
        return "achieved " + hz(rateHz) + " Hz per thread of " + hz(requestedHz) + " Hz asked";
    }

    /** A per-thread rate as people write it: "100", "19.8", "0.2" (three significant digits at most). */
    public static String hz(double rate) {
        return new BigDecimal(rate).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }

    public boolean shown(Sample s) {
        return showIdle || s.bucket() != Bucket.IDLE;
    }

    /** Samples per bucket, of the shown samples only, in bucket order. */
    public Map<Bucket, Long> byBucket() {
        Map<Bucket, Long> out = new EnumMap<>(Bucket.class);
        for (Sample s : samples) {
            if (shown(s)) {
                out.merge(s.bucket(), s.count(), Long::sum);
            }
        }
        return out;
    }

    /** One wait target's samples in one bucket: a row of the JSON "waits" list and of top's Waits view. */
    public record Wait(Bucket bucket, WaitTarget target, long samples) {
    }

    /** The shown samples that name a wait target, per bucket and target, the largest first. */
    public List<Wait> waits() {
        Map<Bucket, Map<WaitTarget, Long>> counts = new EnumMap<>(Bucket.class);
        for (Sample s : samples) {
            if (shown(s) && s.target() != null) {
                counts.computeIfAbsent(s.bucket(), b -> new java.util.LinkedHashMap<>()).merge(s.target(), s.count(),
                        Long::sum);
            }
        }
        List<Wait> out = new java.util.ArrayList<>();
        counts.forEach((bucket, byTarget) -> byTarget.forEach((target, n) -> out.add(new Wait(bucket, target, n))));
        out.sort(java.util.Comparator.comparingLong(Wait::samples).reversed());
        return out;
    }

    public long shownSamples() {
        long n = 0;
        for (Sample s : samples) {
            if (shown(s)) {
                n += s.count();
            }
        }
        return n;
    }
}
