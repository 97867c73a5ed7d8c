package jspy.cli.sample;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import jspy.cli.profile.Frames;
import one.convert.Arguments;
import one.convert.JfrConverter;
import one.jfr.Dictionary;
import one.jfr.JfrReader;
import one.jfr.StackTrace;
import one.jfr.event.ExecutionSample;

/**
 * Names a JFR chunk's frames with jfr-converter's own naming ({@code java/lang/Thread.run}, native
 * frames as they are), the same names async-profiler's collapsed output used, so the rules table
 * and folded files keep working. Stacks are resolved once per chunk and shared by its samples.
 */
public final class FrameNames extends JfrConverter {
    private final Map<Integer, List<String>> stacks = new HashMap<>();
    private final Map<Integer, String> threads = new HashMap<>();
    private final Map<String, String> interned;
    private final boolean lines;

    /**
     * interned: frame strings shared across chunks, so a long session holds each name once.
     * lines: Java frames end in {@code :LINE}, as jfr-converter's {@code --lines} writes them.
     */
    FrameNames(JfrReader jfr, Map<String, String> interned, boolean lines) {
        super(jfr, arguments());
        this.methodNames = new Dictionary<>();
        this.interned = interned;
        this.lines = lines;
    }

    private static Arguments arguments() {
        Arguments args = new Arguments();
        args.norm = true; // hidden-class addresses off: stacks merge across runs
        return args;
    }

    /**
     * For a whole JFR file read event by event ({@code jspy flamegraph IN.jfr}): each sample's
     * thread frame, then its root-first stack, named as the live pipeline names them. Names are
     * per chunk (method and thread ids are), so a new chunk gets new names.
     */
    public static Function<ExecutionSample, List<String>> ofFile(JfrReader jfr, boolean lines) {
        Map<String, String> interned = new HashMap<>();
        FrameNames[] names = {new FrameNames(jfr, interned, lines)};
        long[] chunk = {jfr.chunkStartNanos};
        return e -> {
            if (jfr.chunkStartNanos != chunk[0]) {
                chunk[0] = jfr.chunkStartNanos;
                names[0] = new FrameNames(jfr, interned, lines);
            }
            return withRoot(names[0].threadFrame(e.tid), names[0].stack(e.stackTraceId));
        };
    }

    /** Root-first stack, without the thread frame; empty when the chunk lacks the trace. */
    List<String> stack(int stackTraceId) {
        return stacks.computeIfAbsent(stackTraceId, this::resolve);
    }

    private List<String> resolve(int id) {
        StackTrace trace = jfr.stackTraces.get(id);
        if (trace == null) {
            return List.of();
        }
        String[] names = new String[trace.methods.length];
        for (int i = 0; i < names.length; i++) {
            String name = Frames.normalize(getMethodName(trace.methods[i], trace.types[i]));
            int line = lines ? trace.locations[i] >>> 16 : 0; // 0: native, or no line table
            names[names.length - 1 - i] = interned.computeIfAbsent(line == 0 ? name : name + ":" + line, n -> n);
        }
        return Arrays.asList(names);
    }

    /** The thread frame {@code [name tid=N]} as async-profiler's collapsed output wrote it. */
    String threadFrame(int tid) {
        // once per thread and chunk: a sleeping thread's samples come one event per window each
        return threads.computeIfAbsent(tid, t -> interned.computeIfAbsent(getThreadName(t), n -> n));
    }

    static List<String> withRoot(String root, List<String> stack) {
        List<String> out = new ArrayList<>(stack.size() + 1);
        out.add(root);
        out.addAll(stack);
        return out;
    }

    @Override
    protected void convertChunk() {
        // not a converter: only its naming is used
    }
}
