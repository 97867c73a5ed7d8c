package jspy.cli.top;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jspy.cli.profile.Frames;

/**
 * What top makes of a sample's frames, worked out once per distinct sample of the session: the
 * same stacks come back in every window (the stream shares the frame strings across windows, so
 * a lookup hashes cached string hashes). A cache, not a record: cleared past a bound, for a
 * session of days on generated code.
 */
final class FrameCache {
    private static final int MAX = 200_000;
    private static final ThreadId UNKNOWN = new ThreadId("?", "", false);
    private final Map<List<String>, Tally.Keyed> samples = new HashMap<>();
    private final Map<List<String>, Tally.Stack> stacks = new HashMap<>();
    private final Map<String, String> functions = new HashMap<>();
    private final Map<String, ThreadId> threads = new HashMap<>();

    /** A sample's frames, root first: the thread frame {@code [name tid=N]}, then the stack. */
    Tally.Keyed keyed(List<String> frames) {
        Tally.Keyed k = samples.get(frames);
        if (k == null) {
            if (samples.size() > MAX || stacks.size() > MAX || functions.size() > MAX) {
                samples.clear();
                stacks.clear();
                functions.clear();
                threads.clear();
            }
            int first = !frames.isEmpty() && Frames.isThread(frames.get(0)) ? 1 : 0;
            ThreadId thread = first == 1 ? threads.computeIfAbsent(frames.get(0), ThreadId::of) : UNKNOWN;
            List<String> raw = frames.subList(first, frames.size());
            Tally.Stack stack = stacks.get(raw);
            if (stack == null) {
                stack = stack(frames, first);
                stacks.put(raw, stack);
            }
            k = new Tally.Keyed(thread, stack);
            samples.put(frames, k);
        }
        return k;
    }

    private Tally.Stack stack(List<String> frames, int first) {
        int leaf = Tally.leaf(frames, first);
        List<String> named = new ArrayList<>(Math.max(0, leaf - first + 1));
        Set<String> seen = new HashSet<>();
        List<String> distinct = new ArrayList<>(named.size());
        for (int i = first; i <= leaf; i++) {
            String name = functions.computeIfAbsent(frames.get(i), Tally::name);
            named.add(name);
            if (seen.add(name)) { // recursion counts once per stack, as in py-spy
                distinct.add(name);
            }
        }
        return new Tally.Stack(named, distinct, Tally.isError(frames, first));
    }
}
