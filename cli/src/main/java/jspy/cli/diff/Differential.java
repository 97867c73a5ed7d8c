package jspy.cli.diff;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jspy.cli.profile.Bucket;
import jspy.cli.profile.Frames;
import jspy.cli.profile.Sample;
import jspy.flamegraph.Category;
import jspy.flamegraph.FlameTree;
import jspy.flamegraph.FrameStyle;

/**
 * A differential flame graph in the style of Brendan Gregg's difffolded.pl + flamegraph.pl: the
 * shape and widths are NEW's; each frame is red when its share of all samples grew against BASE
 * beyond noise, blue when it shrank beyond noise, deeper the larger the change, and grey when the
 * change is within noise ({@link Significance}). Shares, not counts, are compared, so profiles of
 * different length compare fairly. A frame's share counts its callees (as in flamegraph.pl); the
 * lists use self shares. Thread ids are dropped ({@code [main tid=7]} becomes {@code [main]}) since
 * they differ between runs. Frames that only BASE has are not drawn; the shrank list names them.
 */
public final class Differential {
    /**
     * The deepest colour needs a change of this many percentage points, or the largest change if that
     * is more: two recordings of the same load differed by up to 4.9–6.9 pp in one frame (see
     * Significance), so a few points must not look like the loudest change in the graph.
     */
    static final double MIN_SCALE_PP = 10.0;
    /** The palest red or blue (#ffc8c8, #c8c8ff): a significant change stays apart from the grey. */
    private static final int PALEST = 200;
    static final String GREY = "#dcdcdc";
    static final List<Category> CATEGORIES = List.of(new Category("grew", "#e03c31"),
            new Category("shrank", "#3c64e0"), new Category("within noise", GREY));

    private final StackTrie base = new StackTrie();
    private final StackTrie next = new StackTrie();
    private final List<Sample> newSamples = new ArrayList<>();
    private final SelfChanges self = new SelfChanges();
    private final Significance test;

    public Differential(List<Sample> baseSamples, List<Sample> newSamples, boolean idle) {
        for (Sample s : baseSamples) {
            if (idle || s.bucket() != Bucket.IDLE) {
                base.add(withoutTids(s.display(true)), s.count());
                addSelf(s, 0);
            }
        }
        for (Sample s : newSamples) {
            if (idle || s.bucket() != Bucket.IDLE) {
                List<String> frames = withoutTids(s.display(true)); // a wait target frame first, as in the SVG
                next.add(frames, s.count());
                this.newSamples.add(new Sample(frames, s.bucket(), s.count()));
                addSelf(s, 1);
            }
        }
        test = new Significance(base.total(), next.total());
    }

    /**
     * Self samples go to the frame that owns the sample as top's %Own and the JSON summary's
     * topSelf charge it ({@link Sample#own}): the topmost Java frame. The leaf listed libc instead
     * ("-62.2 pp __GI_read" for a socket read in SocketDispatcher.read0, issue 23); a thread with
     * no Java frame (GC, JIT) keeps its native leaf. Taken before the thread ids are dropped, where
     * Sample still tells the thread and process roots from the stack.
     */
    private void addSelf(Sample s, int side) {
        String own = s.own();
        if (own != null) {
            self.add(own, side, s.count());
        }
    }

    public long baseTotal() {
        return base.total();
    }

    public long newTotal() {
        return next.total();
    }

    Significance significance() {
        return test;
    }

    /** NEW's samples, each stack in the category of its own path's change: grew, shrank or within noise. */
    public FlameTree tree() {
        FlameTree tree = new FlameTree(CATEGORIES);
        for (Sample s : newSamples) {
            long before = base.samples(s.frames());
            long after = next.samples(s.frames());
            int category = !test.beyondNoise(before, after) ? 2 : deltaPp(before, after) > 0 ? 0 : 1;
            tree.add(s.frames(), category, s.count());
        }
        return tree;
    }

    /** Change of a path's share from BASE to NEW, in percentage points. */
    double deltaPp(long baseSamples, long newSamples) {
        return deltaPp(baseSamples, base.total(), newSamples, next.total());
    }

    static double deltaPp(long baseSamples, long baseTotal, long newSamples, long newTotal) {
        return 100.0 * (share(newSamples, newTotal) - share(baseSamples, baseTotal));
    }

    private static double share(long part, long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }

    public FrameStyle style() {
        double scale = Math.max(MIN_SCALE_PP, maxSignificantDeltaPp());
        return (path, samples) -> {
            long before = base.samples(path);
            double delta = deltaPp(before, samples);
            boolean beyond = test.beyondNoise(before, samples);
            return new FrameStyle.Look(color(delta, scale, beyond), String.format(Locale.ROOT,
                    "base %,d samples %.2f%%, new %,d samples %.2f%%, %+.2f pp, %s", before,
                    100 * share(before, base.total()), samples, 100 * share(samples, next.total()), delta,
                    beyond ? "beyond noise" : "within noise"));
        };
    }

    /** Grey within noise; beyond it pale to deep red for growth, blue for shrinkage; |delta| = scale is the deepest. */
    static String color(double deltaPp, double scale, boolean beyondNoise) {
        if (!beyondNoise || Math.abs(deltaPp) < 0.005) {
            return GREY;
        }
        int fade = (int) Math.round(PALEST * (1 - Math.min(1, Math.abs(deltaPp) / scale)));
        return deltaPp > 0 ? String.format(Locale.ROOT, "#ff%02x%02x", fade, fade)
                : String.format(Locale.ROOT, "#%02x%02xff", fade, fade);
    }

    private double maxSignificantDeltaPp() {
        double max = 0;
        Deque<Object[]> todo = new ArrayDeque<>(); // {NEW node, BASE node or null}
        todo.push(new Object[] {next.root(), base.root()});
        while (!todo.isEmpty()) {
            Object[] pair = todo.pop();
            StackTrie.Node n = (StackTrie.Node) pair[0];
            StackTrie.Node b = (StackTrie.Node) pair[1];
            long before = b == null ? 0 : b.samples;
            if (test.beyondNoise(before, n.samples)) {
                max = Math.max(max, Math.abs(deltaPp(before, n.samples)));
            }
            for (Map.Entry<String, StackTrie.Node> c : n.children.entrySet()) {
                todo.push(new Object[] {c.getValue(), b == null ? null : b.children.get(c.getKey())});
            }
        }
        return max;
    }

    /** A frame whose self share changed, in percentage points. */
    public record Change(String frame, double deltaPp, long baseSelf, long newSelf) {
        /** "+20.0 pp com/acme/Parser.parse", with "(only in BASE)" or "(only in NEW)"; printable on a terminal. */
        public String line() {
            return SelfChanges.line(this);
        }
    }

    /** The frames whose self share grew beyond noise, largest first, at most limit. */
    public List<Change> grew(int limit) {
        return first(self.beyondNoise(test, base.total(), next.total(), true), limit);
    }

    /** The frames whose self share shrank beyond noise (frames only BASE has too), largest first. */
    public List<Change> shrank(int limit) {
        return first(self.beyondNoise(test, base.total(), next.total(), false), limit);
    }

    /** How many frames' self shares changed within noise (left out of the lists). */
    public int withinNoise() {
        return self.withinNoise(test, base.total(), next.total());
    }

    private static List<Change> first(List<Change> changes, int limit) {
        return changes.size() > limit ? List.copyOf(changes.subList(0, limit)) : changes;
    }

    /** Thread ids and launch-mode PIDs differ between runs: [main tid=7] -> [main], pid 12: App -> App. */
    private static List<String> withoutTids(List<String> frames) {
        List<String> out = new ArrayList<>(frames);
        for (int i = 0; i < Math.min(3, out.size()); i++) { // [target], process, thread
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
