package jspy.cli.diff;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jspy.cli.base.Printable;
import jspy.cli.profile.Bucket;
import jspy.cli.profile.Frames;
import jspy.cli.profile.Sample;
import jspy.flamegraph.Category;
import jspy.flamegraph.FlameTree;
import jspy.flamegraph.FrameStyle;

/**
 * A differential flame graph in the style of Brendan Gregg's difffolded.pl + flamegraph.pl: the
 * shape and widths are NEW's; each frame is red when its share of all samples grew against BASE and
 * blue when it shrank, deeper the larger the change. Shares, not counts, are compared, so profiles
 * of different length compare fairly. A frame's share counts its callees (as in flamegraph.pl);
 * the regression list uses self shares. Thread ids are dropped ({@code [main tid=7]} becomes
 * {@code [main]}) since they differ between runs. Frames that only BASE has are not drawn.
 */
public final class Differential {
    /** Changes below this many percentage points never get the deepest colour: noise stays pale. */
    static final double MIN_SCALE_PP = 1.0;
    static final List<Category> CATEGORIES = List.of(
            new Category("share grew", "#e03c31"), new Category("share shrank", "#3c64e0"));

    private final StackTrie base = new StackTrie();
    private final StackTrie next = new StackTrie();
    private final List<Sample> newSamples = new ArrayList<>();
    private final Map<String, long[]> self = new HashMap<>(); // name -> {base, new}

    public Differential(List<Sample> baseSamples, List<Sample> newSamples, boolean idle) {
        for (Sample s : baseSamples) {
            if (idle || s.bucket() != Bucket.IDLE) {
                List<String> frames = withoutTids(s.frames());
                base.add(frames, s.count());
                self.computeIfAbsent(frames.get(frames.size() - 1), k -> new long[2])[0] += s.count();
            }
        }
        for (Sample s : newSamples) {
            if (idle || s.bucket() != Bucket.IDLE) {
                List<String> frames = withoutTids(s.frames());
                next.add(frames, s.count());
                this.newSamples.add(new Sample(frames, s.bucket(), s.count()));
                self.computeIfAbsent(frames.get(frames.size() - 1), k -> new long[2])[1] += s.count();
            }
        }
    }

    public long baseTotal() {
        return base.total();
    }

    public long newTotal() {
        return next.total();
    }

    /** NEW's samples; a stack is "share grew" when its own share did not shrink. */
    public FlameTree tree() {
        FlameTree tree = new FlameTree(CATEGORIES);
        for (Sample s : newSamples) {
            tree.add(s.frames(), deltaPp(base.samples(s.frames()), s.count()) >= 0 ? 0 : 1, s.count());
        }
        return tree;
    }

    /** Change of a path's share from BASE to NEW, in percentage points. */
    double deltaPp(long baseSamples, long newSamples) {
        return 100.0 * (share(newSamples, next.total()) - share(baseSamples, base.total()));
    }

    private static double share(long part, long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }

    public FrameStyle style() {
        double scale = Math.max(MIN_SCALE_PP, maxAbsDeltaPp());
        return (path, samples) -> {
            long before = base.samples(path);
            double delta = deltaPp(before, samples);
            return new FrameStyle.Look(color(delta, scale), String.format(Locale.ROOT,
                    "base %,d samples %.2f%%, new %,d samples %.2f%%, %+.2f pp", before,
                    100 * share(before, base.total()), samples, 100 * share(samples, next.total()), delta));
        };
    }

    /** White to red for growth, white to blue for shrinkage; |delta| = scale is the deepest. */
    static String color(double deltaPp, double scale) {
        int fade = (int) Math.round(220 * (1 - Math.min(1, Math.abs(deltaPp) / scale)));
        if (Math.abs(deltaPp) < 0.005) {
            return "#dcdcdc";
        }
        return deltaPp > 0 ? String.format(Locale.ROOT, "#ff%02x%02x", fade, fade)
                : String.format(Locale.ROOT, "#%02x%02xff", fade, fade);
    }

    private double maxAbsDeltaPp() {
        double max = 0;
        Deque<Object[]> todo = new ArrayDeque<>(); // {NEW node, BASE node or null}
        todo.push(new Object[] {next.root(), base.root()});
        while (!todo.isEmpty()) {
            Object[] pair = todo.pop();
            StackTrie.Node n = (StackTrie.Node) pair[0];
            StackTrie.Node b = (StackTrie.Node) pair[1];
            max = Math.max(max, Math.abs(deltaPp(b == null ? 0 : b.samples, n.samples)));
            for (Map.Entry<String, StackTrie.Node> c : n.children.entrySet()) {
                todo.push(new Object[] {c.getValue(), b == null ? null : b.children.get(c.getKey())});
            }
        }
        return max;
    }

    /** A frame whose self share grew, in percentage points. */
    public record Change(String frame, double deltaPp, long baseSelf, long newSelf) {
        public String line() {
            return String.format(Locale.ROOT, "%+.1f pp %s", deltaPp, Printable.of(frame)); // goes to a terminal
        }
    }

    /** The frames whose self share grew most, largest first. */
    public List<Change> regressions(int limit) {
        List<Change> changes = new ArrayList<>();
        for (Map.Entry<String, long[]> e : self.entrySet()) {
            double d = deltaPp(e.getValue()[0], e.getValue()[1]);
            if (d > 0 && !Frames.isThread(e.getKey())) {
                changes.add(new Change(e.getKey(), d, e.getValue()[0], e.getValue()[1]));
            }
        }
        changes.sort((a, b) -> a.deltaPp() != b.deltaPp() ? Double.compare(b.deltaPp(), a.deltaPp())
                : a.frame().compareTo(b.frame()));
        return changes.size() > limit ? List.copyOf(changes.subList(0, limit)) : changes;
    }

    /** Thread ids and launch-mode PIDs differ between runs: [main tid=7] -> [main], pid 12: App -> App. */
    private static List<String> withoutTids(List<String> frames) {
        List<String> out = new ArrayList<>(frames);
        for (int i = 0; i < Math.min(2, out.size()); i++) {
            String f = out.get(i);
            if (Frames.isThread(f)) {
                out.set(i, "[" + Frames.threadName(f) + "]");
            } else if (Frames.isProcess(f)) {
                out.set(i, f.substring(f.indexOf(": ") + 2));
            }
        }
        return out;
    }
}
