package jspy.cli.output;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jspy.cli.profile.Frames;
import jspy.cli.profile.Profile;
import jspy.cli.profile.Sample;
import jspy.cli.profile.Timeline;
import jspy.cli.profile.WaitTarget;

/**
 * A profile's timeline as the timeline page shows it: one lane per thread, each a list of runs. A
 * run is consecutive samples of one thread with the same bucket, stack and wait target, so a
 * thread asleep for the whole recording is one run. Frames, stacks and targets are stored once and
 * referred to by index. Times are whole milliseconds from the first sample.
 *
 * <p>async-profiler writes the samples of a thread that stays asleep as one event at the first of
 * them, carrying their count (DESIGN.md, "Batching"): an event of weight N at t stands for N
 * samples one interval apart, so it ends at t + N intervals; until the thread's next event, it is
 * taken to stay as it was (see {@link #HOLD_MILLIS}), so a steady thread draws as one bar.
 */
final class Lanes {
    /** Run fields: start and end (ms from the start), bucket ordinal, stack index, target index or -1. */
    static final int START = 0;
    static final int END = 1;
    static final int BUCKET = 2;
    static final int STACK = 3;
    static final int TARGET = 4;
    /**
     * A thread keeps its last state across a gap of up to this many intervals, or this long,
     * whichever is more. Under load the sampler misses ticks, so observations of a thread are
     * uneven: on this 2-core machine with other builds running, a thread spinning for 2 s at
     * 100 Hz was seen 25 times a second (gaps up to 120 ms), and a sleeping thread's batch fell
     * 186 ms short of the next window's first sample. A longer gap stays a gap: not seen.
     */
    static final int HOLD_INTERVALS = 3;
    static final long HOLD_MILLIS = 500;

    /**
     * One thread's lane.
     *
     * @param process the launch-mode process frame ({@code pid 12: com.acme.Main}), or null
     * @param virtual a virtual thread (its thread frame ends with " virtual]")
     */
    record Lane(String process, String name, long tid, boolean virtual, List<long[]> runs) {
    }

    final List<String> frames = new ArrayList<>();
    final List<int[]> stacks = new ArrayList<>();
    final List<String> targets = new ArrayList<>();
    final List<Lane> lanes = new ArrayList<>();
    final long startNanos;
    final double intervalMs;
    long durationMs;

    private final Map<String, Integer> frameIds = new HashMap<>();
    private final Map<List<String>, Integer> stackIds = new HashMap<>();
    private final Map<String, Integer> targetIds = new HashMap<>();

    private Lanes(long startNanos, double intervalMs) {
        this.startNanos = startNanos;
        this.intervalMs = intervalMs;
    }

    /** The profile's lanes; none when it has no timeline (an output that did not ask for one). */
    static Lanes of(Profile profile) {
        double rate = profile.requestedHz() > 0 ? profile.requestedHz() : profile.rateHz() > 0 ? profile.rateHz() : 100;
        Timeline timeline = profile.timeline();
        Lanes out = new Lanes(timeline == null ? 0 : timeline.startNanos(), 1000.0 / rate);
        if (timeline != null) {
            for (Timeline.Track track : timeline.tracks()) {
                out.add(timeline, track);
            }
        }
        out.durationMs = Math.max(out.durationMs, Math.round(profile.seconds() * 1000));
        return out;
    }

    private void add(Timeline timeline, Timeline.Track track) {
        if (track.size() == 0) {
            return;
        }
        Integer[] order = new Integer[track.size()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Long.compare(track.nanos(a), track.nanos(b))); // stable: equal times keep their order
        long step = Math.round(intervalMs * 1e6);
        long slack = Math.max(HOLD_INTERVALS * step, HOLD_MILLIS * 1_000_000);
        List<long[]> runs = new ArrayList<>();
        long[] run = null;
        long runEnd = 0;
        Sample first = timeline.stack(track.stack(order[0]));
        for (int i : order) {
            Sample s = timeline.stack(track.stack(i));
            long t = track.nanos(i);
            long end = t + track.weight(i) * step;
            int stack = stack(s.stack());
            int target = target(s.target());
            if (run != null && run[BUCKET] == s.bucket().ordinal() && run[STACK] == stack && run[TARGET] == target
                    && t <= runEnd + slack) {
                runEnd = Math.max(runEnd, end);
                continue;
            }
            if (run != null) {
                runs.add(close(run, t - runEnd <= slack ? t : runEnd));
            }
            run = new long[] {t, 0, s.bucket().ordinal(), stack, target};
            runEnd = end;
        }
        runs.add(close(run, runEnd));
        durationMs = Math.max(durationMs, runs.get(runs.size() - 1)[END]);
        String thread = first.thread();
        lanes.add(new Lane(first.process(), thread == null ? track.name() : Frames.threadName(thread), tid(thread),
                thread != null && thread.endsWith(" virtual]"), runs));
    }

    /** The run with its times made milliseconds from the start; never shorter than 1 ms. */
    private long[] close(long[] run, long endNanos) {
        long start = ms(run[START]);
        run[END] = Math.max(start + 1, ms(endNanos));
        run[START] = start;
        return run;
    }

    private long ms(long nanos) {
        return Math.round((nanos - startNanos) / 1e6);
    }

    private int stack(List<String> stack) {
        Integer id = stackIds.get(stack);
        if (id == null) {
            int[] ids = new int[stack.size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = frameIds.computeIfAbsent(stack.get(i), f -> {
                    frames.add(f);
                    return frames.size() - 1;
                });
            }
            id = stacks.size();
            stacks.add(ids);
            stackIds.put(stack, id);
        }
        return id;
    }

    private int target(WaitTarget target) {
        if (target == null) {
            return -1;
        }
        return targetIds.computeIfAbsent(target.text(), t -> {
            targets.add(t);
            return targets.size() - 1;
        });
    }

    /** The N of a thread frame {@code [name tid=N]} or {@code [name tid=N virtual]}; -1 without one. */
    static long tid(String thread) {
        int at = thread == null ? -1 : thread.lastIndexOf(" tid=");
        if (at < 0) {
            return -1;
        }
        int end = at + 5;
        while (end < thread.length() && Character.isDigit(thread.charAt(end))) {
            end++;
        }
        return end > at + 5 ? Long.parseLong(thread.substring(at + 5, end)) : -1;
    }
}
