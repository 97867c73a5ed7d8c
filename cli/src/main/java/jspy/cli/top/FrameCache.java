package jspy.cli.top;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jspy.cli.profile.Bucket;
import jspy.cli.profile.Frames;
import jspy.cli.profile.StateRules;
import jspy.cli.profile.ThreadState;

/**
 * What top makes of a sample's frames, worked out once per distinct sample of the session: its
 * thread and stack (Tally.Keyed) and its bucket in each thread state (StateRules). The same stacks
 * come back in every window, and the stream shares their frame strings across windows, so a
 * lookup hashes cached string hashes. Top used a new Accumulator per refresh, which classified
 * every stack of every window again and folded them into a Profile only to be unfolded (12% of
 * top's CPU over its first 12 s, 1,000 idle target threads, JDK 17, issue 23). A cache, not a
 * record: cleared past a bound, for a session of days on generated code.
 */
final class FrameCache {
    private static final int MAX = 200_000;
    private static final int STATES = ThreadState.values().length;
    private static final ThreadId UNKNOWN = new ThreadId("?", "", false);

    /** A distinct sample: its thread and stack, and its bucket per thread state once classified. */
    static final class Entry {
        final Tally.Keyed keyed;
        private final Bucket[] byState = new Bucket[STATES];

        Entry(Tally.Keyed keyed) {
            this.keyed = keyed;
        }
    }

    private final Map<List<String>, Entry> samples = new HashMap<>();
    private final Map<List<String>, Tally.Stack> stacks = new HashMap<>();
    private final Map<String, String> functions = new HashMap<>();
    private final Map<String, ThreadId> threads = new HashMap<>();
    private Set<String> jdbcClasses = Set.of();

    /**
     * Classes the agent saw implementing java.sql interfaces: known only as the session goes on,
     * and a change classifies again.
     */
    void jdbcClasses(Set<String> classes) {
        if (!classes.equals(jdbcClasses)) {
            jdbcClasses = classes;
            samples.values().forEach(e -> Arrays.fill(e.byState, null));
        }
    }

    /** The bucket of a sample of this entry (its frames) in this thread state. */
    Bucket bucket(Entry e, List<String> frames, ThreadState state) {
        Bucket b = e.byState[state.ordinal()];
        if (b == null) {
            b = StateRules.classify(frames, jdbcClasses, state);
            e.byState[state.ordinal()] = b;
        }
        return b;
    }

    /** A sample's frames, root first: the thread frame {@code [name tid=N]}, then the stack. */
    Entry entry(List<String> frames) {
        Entry k = samples.get(frames);
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
            k = new Entry(new Tally.Keyed(thread, stack));
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
