package jspy.cli.dump;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The unmounted virtual threads of one JSON thread dump, as stacks the rules read: these are the
 * virtual threads no wall-clock sampler sees (mounted ones run on a carrier, which async-profiler
 * samples). A virtual thread is unmounted when its innermost frame is VirtualThread's own park or
 * yield: it gave its carrier back.
 */
public final class VirtualDump {
    private VirtualDump() {
    }

    /** One unmounted virtual thread: frames root first, starting with {@code [name tid=N virtual]}. */
    public record Parked(long id, String name, List<String> frames) {
    }

    public static List<Parked> unmounted(String json) {
        List<Parked> out = new ArrayList<>();
        for (DumpedThread t : DumpReader.virtualThreads(json, Set.of())) {
            if (!unmounted(t.frames())) {
                continue;
            }
            String name = t.name().isEmpty() ? "virtual" : t.name();
            List<String> frames = DumpBuckets.ruleFrames(name, t.id(), t.state(), t.frames());
            frames.set(0, "[" + name + " tid=" + t.id() + " virtual]");
            out.add(new Parked(t.id(), name, frames));
        }
        return out;
    }

    private static boolean unmounted(List<StackFrame> leafFirst) {
        if (leafFirst.isEmpty()) {
            return false;
        }
        StackFrame leaf = leafFirst.get(0);
        return leaf.className().equals("java.lang.VirtualThread") && (leaf.method().startsWith("park")
                || leaf.method().equals("yieldContinuation"));
    }
}
