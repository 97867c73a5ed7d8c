package jspy.cli.top;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jspy.cli.profile.Bucket;
import jspy.cli.profile.Sample;
import jspy.cli.profile.StateRules;
import jspy.cli.profile.ThreadState;
import jspy.cli.sample.StackSample;
import jspy.cli.sample.Window;

/**
 * A refresh's windows as top's samples, each (stack, thread state) classified by StateRules once
 * per session. Top used a new Accumulator per refresh, which classified every stack of every
 * window again and folded them into a Profile only to be unfolded (12% of top's CPU over its first
 * 12 s, 1,000 idle target threads, JDK 17, issue 23); an Accumulator folds a whole session, and
 * top needs each window apart.
 */
public final class Classifier {
    private static final int MAX = 200_000;
    private static final int STATES = ThreadState.values().length;
    private final Map<List<String>, Bucket[]> buckets = new HashMap<>();
    private Set<String> jdbcClasses = Set.of();

    /**
     * @param jdbcClasses classes the agent saw implementing java.sql interfaces: known only as the
     *                    session goes on, and a change classifies again
     */
    public List<Sample> samples(List<Window> windows, Set<String> jdbcClasses) {
        if (!jdbcClasses.equals(this.jdbcClasses) || buckets.size() > MAX) {
            this.jdbcClasses = jdbcClasses;
            buckets.clear();
        }
        List<Sample> out = new ArrayList<>();
        for (Window w : windows) {
            for (StackSample s : w.samples()) {
                Bucket[] byState = buckets.computeIfAbsent(s.frames(), f -> new Bucket[STATES]);
                int state = s.state().ordinal();
                if (byState[state] == null) {
                    byState[state] = StateRules.classify(s.frames(), this.jdbcClasses, s.state());
                }
                out.add(new Sample(s.frames(), byState[state], s.weight()));
            }
        }
        return out;
    }
}
