package jspy.cli.sample;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;
import jspy.cli.profile.Bucket;
import jspy.cli.profile.StateRules;
import jspy.cli.profile.Profile;
import jspy.cli.profile.Sample;
import jspy.cli.profile.TargetInfo;
import jspy.cli.profile.ThreadState;
import jspy.cli.profile.Timeline;
import jspy.cli.profile.WaitTarget;

/**
 * Folds sample windows into a {@link Profile}: one count per distinct (stack, thread state), so
 * memory grows with the distinct stacks, not with time; and, only when an output shows time, a
 * {@link Timeline}. Also measures the achieved per-thread rate: samples over thread-seconds.
 */
public final class Accumulator {
    private final Map<Stack, long[]> counts = new LinkedHashMap<>();
    private final LongFunction<String> processFrame;
    private final Timeline timeline;
    private final Map<Key, Bucket> buckets = new HashMap<>();
    private Set<String> jdbcClasses = Set.of();
    private double threadSeconds;
    private long samples;
    private long virtualDumps;
    private double virtualSeconds;
    private int virtualThreads;
    private long firstNanos = Long.MAX_VALUE;
    private long lastNanos = Long.MIN_VALUE;

    private record Key(List<String> frames, ThreadState state) {
    }

    /** A distinct stack and what its wait waited on: samples of one stack on two peers count apart. */
    private record Stack(List<String> frames, WaitTarget target) {
    }

    /**
     * @param processFrame the root frame for a JVM's pid in launch mode ({@code pid 12: Main}), or null
     * @param timeline whether to keep samples in time order
     */
    public Accumulator(LongFunction<String> processFrame, boolean timeline) {
        this.processFrame = processFrame;
        this.timeline = timeline ? new Timeline() : null;
    }

    /** Classes the agents saw implementing java.sql interfaces: known only as the session goes on. */
    public void jdbcClasses(Set<String> classes) {
        if (!classes.equals(jdbcClasses)) {
            jdbcClasses = classes;
            buckets.clear();
        }
    }

    public void add(Window w) {
        threadSeconds += w.threadSeconds();
        if (w.virtual()) {
            virtualDumps++;
            virtualSeconds += w.seconds();
            virtualThreads = Math.max(virtualThreads, w.threads());
        }
        if (w.endNanos() > w.startNanos()) { // a damaged chunk has no times (0, 0)
            firstNanos = Math.min(firstNanos, w.startNanos());
            lastNanos = Math.max(lastNanos, w.endNanos());
        }
        String process = processFrame == null ? null : processFrame.apply(w.pid());
        for (StackSample s : w.samples()) {
            List<String> frames = process == null ? s.frames() : FrameNames.withRoot(process, s.frames());
            counts.computeIfAbsent(new Stack(frames, s.target()), f -> new long[ThreadState.values().length])
                    [s.state().ordinal()] += s.weight();
            samples += s.weight();
            if (timeline != null) {
                Sample stack = new Sample(frames, bucket(frames, s.state()), 0, s.target());
                timeline.add(track(w.pid(), s), s.nanos(), stack, s.weight());
            }
        }
    }

    /**
     * One speedscope track per thread. A virtual thread's samples (from dumps and from its carriers,
     * see Carriers) share a track keyed by its Thread id, kept apart from OS tids; an unidentified
     * one on a carrier gets a track beside the carrier's own.
     */
    private static String track(long pid, StackSample s) {
        return pid + "/" + s.tid() + (!s.frames().isEmpty() && s.frames().get(0).endsWith(" virtual]") ? "v" : "");
    }

    public long samples() {
        return samples;
    }

    /** Samples per thread-second, or 0 before any window. */
    public double achievedHz() {
        return threadSeconds > 0 ? samples / threadSeconds : 0;
    }

    /** Seconds covered by the windows so far. */
    public double windowSeconds() {
        return lastNanos > firstNanos ? (lastNanos - firstNanos) / 1e9 : 0;
    }

    public Profile profile(TargetInfo target, double seconds, double requestedHz, boolean idle, boolean threads) {
        List<Sample> out = new ArrayList<>(counts.size());
        for (Map.Entry<Stack, long[]> e : counts.entrySet()) {
            long[] byState = e.getValue();
            List<String> frames = e.getKey().frames();
            Map<Bucket, Long> merged = new LinkedHashMap<>(); // states that land in one bucket: one sample
            for (ThreadState state : ThreadState.values()) {
                if (byState[state.ordinal()] > 0) {
                    merged.merge(bucket(frames, state), byState[state.ordinal()], Long::sum);
                }
            }
            // A target belongs to the bucket it was found for (a peer to socket or jdbc, ...): a
            // stack that the kernel's state puts in another bucket keeps none.
            merged.forEach((bucket, n) -> out.add(new Sample(frames, bucket, n, fits(e.getKey().target(), bucket))));
        }
        double achieved = threadSeconds > 0 ? achievedHz() : requestedHz;
        return new Profile(target, out, seconds, achieved, idle, threads, requestedHz, timeline, notes());
    }

    /** How virtual threads were sampled, when there were any (the subtitle and summary say it). */
    private List<String> notes() {
        if (virtualDumps == 0 || virtualThreads == 0) {
            return List.of();
        }
        return List.of(String.format(java.util.Locale.ROOT, "up to %,d unmounted virtual threads sampled from %d JVM "
                + "thread dumps (one every %.1f s), each weighing the time since the last", virtualThreads, virtualDumps,
                virtualSeconds / virtualDumps));
    }

    private static WaitTarget fits(WaitTarget t, Bucket bucket) {
        return t == null || WaitTarget.kindOf(bucket) == t.kind() ? t : null;
    }

    private Bucket bucket(List<String> frames, ThreadState state) {
        return buckets.computeIfAbsent(new Key(frames, state), k -> StateRules.classify(k.frames(), jdbcClasses, k.state()));
    }
}
