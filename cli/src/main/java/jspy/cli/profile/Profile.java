package jspy.cli.profile;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a recording produced: the samples and what they came from. Writers read it; the idle
 * bucket is part of it and each view decides whether to show it.
 */
public record Profile(TargetInfo target, List<Sample> samples, double seconds, double rateHz,
                      boolean showIdle, boolean showThreads) {

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
