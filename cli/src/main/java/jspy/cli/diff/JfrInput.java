package jspy.cli.diff;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import jspy.agent.Protocol;
import jspy.cli.base.ExitCode;
import jspy.cli.base.JspyException;
import jspy.cli.base.Printable;
import jspy.cli.profile.Bucket;
import jspy.cli.profile.Profile;
import jspy.cli.profile.Sample;
import jspy.cli.profile.StateRules;
import jspy.cli.profile.TargetInfo;
import jspy.cli.profile.ThreadState;
import jspy.cli.sample.ThreadTime;
import jspy.cli.profile.Timeline;
import one.jfr.JfrReader;
import one.jfr.event.ExecutionSample;

/**
 * A JFR recording as input to {@code jspy flamegraph}, in every output format: async-profiler's
 * own .jfr and the JDK's Flight Recorder files. jfr-converter's reader takes
 * {@code jdk.ExecutionSample} and {@code jdk.NativeMethodSample} (and async-profiler's wall-clock
 * samples) as execution samples; frames are named by the live pipeline's own naming
 * ({@link jspy.cli.sample.FrameNames}) and classified by the same rules.
 *
 * <p>What a JDK recording cannot tell: it samples only threads running Java code
 * (ExecutionSample) or inside a native method (NativeMethodSample, e.g. a socket read). Threads
 * blocked on a monitor, parked, sleeping or in Object.wait are not sampled at all, so the lock,
 * pool, await and idle buckets are missing from it, and the shares are of the sampled threads
 * only. It has no native frames below the Java native method, and its thread state is the Java
 * one (RUNNABLE in a blocking read), so the frames alone decide the bucket.
 */
public final class JfrInput {
    /**
     * jfr-converter stops at a chunk whose header is not finished or whose size runs past the end
     * of the file: a recording still being written, or one cut off (a crash, a full disk). The
     * chunks before it are read; that one is said to be missing, never dropped in silence.
     */
    private static final String INCOMPLETE = "last chunk, which is incomplete (still being written, or cut off)";

    private JfrInput() {
    }

    /** A .jfr name, or a file that starts with JFR's magic "FLR\0". */
    public static boolean isJfr(String name) {
        if (name.equals("-")) {
            return false;
        }
        if (name.endsWith(".jfr")) {
            return true;
        }
        try (var in = Files.newInputStream(Path.of(name))) {
            byte[] magic = in.readNBytes(4);
            return magic.length == 4 && magic[0] == 'F' && magic[1] == 'L' && magic[2] == 'R' && magic[3] == 0;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * A JFR file as a profile, for every output format: the samples (idle kept, shown only with
     * {@code idle}), the recording's length, and the per-thread rate achieved (samples ÷
     * thread-seconds: in async-profiler's files each thread for as long as it lived in each chunk,
     * see ThreadTime; in the JDK's, which sample only running threads, each thread seen for the
     * whole recording). async-profiler records the interval it was asked for; a JDK file's
     * settings do not say which period belongs to which event, so there the rate asked is taken to
     * be the one achieved.
     */
    public static Profile profile(String name, boolean idle) {
        return profile(name, idle, false, false);
    }

    /**
     * The same; lines: Java frames named with their line number (flamegraph --lines); timeline:
     * each thread's samples in time order as well (the timeline page): async-profiler's and the
     * JDK's events both carry their time.
     */
    public static Profile profile(String name, boolean idle, boolean lines, boolean timeline) {
        Map<Key, long[]> counts = new LinkedHashMap<>();
        Lives lives = new Lives();
        Timeline times = timeline ? new Timeline() : null;
        Map<Key, Bucket> buckets = new HashMap<>();
        long total = 0;
        double seconds;
        double asked;
        boolean incomplete;
        try (JfrReader jfr = new JfrReader(name)) {
            Function<ExecutionSample, List<String>> names = jspy.cli.sample.FrameNames.ofFile(jfr, lines);
            boolean jdk = jfr.enums.getOrDefault("jdk.types.ThreadState", Map.of()).containsValue("STATE_PARKED");
            Map<Integer, ThreadState> states = jdk ? Map.of() : states(jfr);
            for (ExecutionSample e; (e = jfr.readEvent(ExecutionSample.class)) != null; ) {
                List<String> frames = names.apply(e);
                if (frames.get(0).startsWith("[" + Protocol.THREAD_PREFIX) || frames.get(0).startsWith("[Async-profiler ")) {
                    continue; // jspy's agent and async-profiler's own timer
                }
                long n = Math.max(1, e.samples);
                Key key = new Key(frames, states.getOrDefault(e.threadState, ThreadState.UNKNOWN));
                counts.computeIfAbsent(key, k -> new long[1])[0] += n;
                lives.add(jfr, e, jdk);
                if (times != null) {
                    Bucket bucket = buckets.computeIfAbsent(key, k -> StateRules.classify(k.frames(), Set.of(), k.state()));
                    times.add(Integer.toString(e.tid), jfr.eventTimeToNanos(e.time), new Sample(frames, bucket, 0), n);
                }
                total += n;
            }
            seconds = jfr.durationNanos() / 1e9;
            asked = jdk ? 0 : askedHz(jfr.settings);
            lives.close();
            incomplete = jfr.incomplete();
        } catch (IOException | RuntimeException e) {
            throw new JspyException(ExitCode.INPUT, "cannot read " + Printable.of(name) + " as JFR: " + e.getMessage(),
                    "pass a .jfr recording from async-profiler or -XX:StartFlightRecording", e);
        }
        if (total == 0) {
            throw new JspyException(ExitCode.INPUT, "no execution samples in " + Printable.of(name)
                    + (incomplete ? " before its " + INCOMPLETE : ""),
                    "record with async-profiler (-e wall or cpu) or the JDK's -XX:StartFlightRecording:settings=profile");
        }
        List<Sample> samples = new ArrayList<>(counts.size());
        counts.forEach((k, n) -> samples.add(new Sample(k.frames(), StateRules.classify(k.frames(), Set.of(), k.state()), n[0])));
        double achieved = seconds > 0 ? total / lives.threadSeconds(seconds) : asked;
        return new Profile(new TargetInfo(0, null, null), samples, seconds, achieved > 0 ? achieved : asked, idle, false,
                asked > 0 ? asked : achieved, times, incomplete ? List.of("skipped the recording's " + INCOMPLETE) : List.of());
    }

    /** The flame tree of a profile read by {@link #profile}, idle included: the SVG's legend hides or shows it. */
    public static FoldedTree tree(Profile profile) {
        return FoldedTree.of(profile.samples(), true);
    }

    /** async-profiler's interval: {@code wall=N} when it sampled wall-clock that way, else {@code interval}. */
    private static double askedHz(Map<String, String> settings) {
        for (String key : List.of("wall", "interval")) {
            try {
                long nanos = Long.parseLong(settings.getOrDefault(key, ""));
                if (nanos > 0) {
                    return 1e9 / nanos;
                }
            } catch (NumberFormatException e) {
                // absent or not a number: try the next
            }
        }
        return 0;
    }

    private record Key(List<String> frames, ThreadState state) {
    }

    /** How long the sampled threads lived: per chunk in async-profiler's files (asked known), else all along. */
    private static final class Lives {
        private final Set<Integer> threads = new HashSet<>();
        private ThreadTime time;
        private boolean decided;
        private double threadSeconds;
        private long start;
        private long end;

        void add(JfrReader jfr, ExecutionSample e, boolean jdk) {
            threads.add(e.tid);
            if (!decided) { // async-profiler writes its settings before the first sample
                decided = true;
                double asked = jdk ? 0 : askedHz(jfr.settings);
                time = asked > 0 ? new ThreadTime(Math.round(1e9 / asked)) : null;
                start = jfr.chunkStartNanos;
            }
            if (time == null) {
                return;
            }
            if (jfr.chunkStartNanos != start) {
                close(); // the events of the next chunk have begun
            }
            start = jfr.chunkStartNanos;
            end = jfr.chunkEndNanos;
            time.add(e.tid, jfr.eventTimeToNanos(e.time), Math.max(1, e.samples));
        }

        void close() {
            if (time != null && time.threads() > 0) {
                threadSeconds += time.close(start, end);
            }
        }

        double threadSeconds(double seconds) {
            return time != null ? threadSeconds : threads.size() * seconds;
        }
    }

    /** async-profiler's states, as the live pipeline (JfrChunks) reads them. */
    private static Map<Integer, ThreadState> states(JfrReader jfr) {
        Map<Integer, ThreadState> out = new HashMap<>();
        jfr.enums.getOrDefault("jdk.types.ThreadState", Map.of()).forEach((key, n) -> out.put(key,
                n.equals("STATE_RUNNABLE") ? ThreadState.RUNNING : n.equals("STATE_SLEEPING") ? ThreadState.SLEEPING
                        : ThreadState.UNKNOWN));
        return out;
    }
}
