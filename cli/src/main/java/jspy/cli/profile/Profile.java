package jspy.cli.profile;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a recording produced: the samples and what they came from. Writers read it; the idle
 * bucket is part of it and each view decides whether to show it.
 */
public record Profile(TargetInfo target, List<Sample> samples, double seconds, int rateHz,
                      boolean showIdle, boolean showThreads) {

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
