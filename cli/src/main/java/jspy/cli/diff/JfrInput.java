package jspy.cli.diff;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jspy.agent.Protocol;
import jspy.cli.base.ExitCode;
import jspy.cli.base.JspyException;
import jspy.cli.base.Printable;
import jspy.cli.profile.StateRules;
import jspy.cli.profile.Frames;
import jspy.cli.profile.Sample;
import jspy.cli.profile.ThreadState;
import one.convert.Arguments;
import one.convert.JfrConverter;
import one.jfr.Dictionary;
import one.jfr.JfrReader;
import one.jfr.StackTrace;
import one.jfr.event.ExecutionSample;

/**
 * A JFR recording as input to {@code jspy flamegraph}: async-profiler's own .jfr and the JDK's
 * Flight Recorder files. jfr-converter's reader takes {@code jdk.ExecutionSample} and
 * {@code jdk.NativeMethodSample} (and async-profiler's wall-clock samples) as execution samples;
 * frames are named as jspy names them and classified by the same rules.
 *
 * <p>What a JDK recording cannot tell: it samples only threads running Java code
 * (ExecutionSample) or inside a native method (NativeMethodSample, e.g. a socket read). Threads
 * blocked on a monitor, parked, sleeping or in Object.wait are not sampled at all, so the lock,
 * pool, await and idle buckets are missing from it, and the shares are of the sampled threads
 * only. It has no native frames below the Java native method, and its thread state is the Java
 * one (RUNNABLE in a blocking read), so the frames alone decide the bucket.
 */
public final class JfrInput {
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

    /** The flame tree of a JFR file, idle shown or not, for {@code jspy flamegraph}. */
    public static FoldedTree tree(String name, boolean idle) {
        List<Sample> samples = read(name);
        if (samples.isEmpty()) {
            throw new JspyException(ExitCode.INPUT, "no execution samples in " + Printable.of(name),
                    "record with async-profiler (-e wall or cpu) or the JDK's -XX:StartFlightRecording:settings=profile");
        }
        return FoldedTree.of(samples, idle);
    }

    static List<Sample> read(String name) {
        Map<Key, long[]> counts = new LinkedHashMap<>();
        try (JfrReader jfr = new JfrReader(name)) {
            Names names = new Names(jfr);
            boolean jdk = jfr.enums.getOrDefault("jdk.types.ThreadState", Map.of()).containsValue("STATE_PARKED");
            Map<Integer, ThreadState> states = jdk ? Map.of() : states(jfr);
            long chunk = jfr.chunkStartNanos;
            for (ExecutionSample e; (e = jfr.readEvent(ExecutionSample.class)) != null; ) {
                if (jfr.chunkStartNanos != chunk) {
                    chunk = jfr.chunkStartNanos;
                    names.newChunk();
                }
                String thread = names.getThreadName(e.tid);
                if (thread.startsWith("[" + Protocol.THREAD_PREFIX) || thread.startsWith("[Async-profiler ")) {
                    continue;
                }
                List<String> frames = names.stack(e.stackTraceId, thread);
                counts.computeIfAbsent(new Key(frames, states.getOrDefault(e.threadState, ThreadState.UNKNOWN)),
                        k -> new long[1])[0] += Math.max(1, e.samples);
            }
        } catch (IOException | RuntimeException e) {
            throw new JspyException(ExitCode.INPUT, "cannot read " + Printable.of(name) + " as JFR: " + e.getMessage(),
                    "pass a .jfr recording from async-profiler or -XX:StartFlightRecording", e);
        }
        List<Sample> out = new ArrayList<>(counts.size());
        counts.forEach((k, n) -> out.add(new Sample(k.frames(), StateRules.classify(k.frames(), Set.of(), k.state()), n[0])));
        return out;
    }

    private record Key(List<String> frames, ThreadState state) {
    }

    /** async-profiler's states, as the live pipeline (JfrChunks) reads them. */
    private static Map<Integer, ThreadState> states(JfrReader jfr) {
        Map<Integer, ThreadState> out = new HashMap<>();
        jfr.enums.getOrDefault("jdk.types.ThreadState", Map.of()).forEach((key, n) -> out.put(key,
                n.equals("STATE_RUNNABLE") ? ThreadState.RUNNING : n.equals("STATE_SLEEPING") ? ThreadState.SLEEPING
                        : ThreadState.UNKNOWN));
        return out;
    }

    /** jfr-converter's frame and thread naming, the names async-profiler's collapsed output uses. */
    private static final class Names extends JfrConverter {
        Names(JfrReader jfr) {
            super(jfr, arguments());
            this.methodNames = new Dictionary<>();
        }

        private static Arguments arguments() {
            Arguments args = new Arguments();
            args.norm = true;
            return args;
        }

        /** Root first: the thread frame, then the stack. */
        List<String> stack(int id, String thread) {
            StackTrace trace = jfr.stackTraces.get(id);
            int n = trace == null ? 0 : trace.methods.length;
            String[] frames = new String[n + 1];
            frames[0] = thread;
            for (int i = 0; i < n; i++) {
                frames[n - i] = Frames.normalize(getMethodName(trace.methods[i], trace.types[i]));
            }
            return List.of(frames);
        }

        /** Method ids are per chunk: forget the names cached for the last one. */
        void newChunk() {
            this.methodNames = new Dictionary<>();
        }

        @Override
        protected void convertChunk() {
            // not a converter: only its naming is used
        }
    }
}
