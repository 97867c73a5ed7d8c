package jspy.flamegraph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class FlameTreeTest {
    static final List<Category> CATEGORIES = List.of(
            new Category("cpu", "#e05a2b"), new Category("lock", "#3d7ad6"), new Category("io", "#2ba84a"));

    @Test
    void countsTotalsPerCategory() {
        FlameTree tree = new FlameTree(CATEGORIES);
        tree.add(List.of("a", "b"), 0, 3);
        tree.add(List.of("a", "c"), 1, 5);
        tree.add(List.of("a"), 1, 2);
        tree.add(List.of("z"), 2, 0); // ignored: nothing to draw

        assertEquals(10, tree.total());
        assertEquals(3, tree.total(0));
        assertEquals(7, tree.total(1));
        assertEquals(0, tree.total(2));
        assertEquals(List.of("a"), tree.root().sortedChildren().stream().map(FlameTree.Node::name).toList());
        FlameTree.Node a = tree.root().sortedChildren().get(0);
        assertEquals(10, a.total());
        assertEquals(List.of("b", "c"), a.sortedChildren().stream().map(FlameTree.Node::name).toList());
        assertEquals("all", tree.root().name());
    }

    @Test
    void colourIsTheMajorityCategoryAndTiesGoToTheLowerIndex() {
        FlameTree tree = new FlameTree(CATEGORIES);
        tree.add(List.of("mixed"), 0, 3);
        tree.add(List.of("mixed"), 2, 5);
        tree.add(List.of("tie"), 2, 4);
        tree.add(List.of("tie"), 1, 4);
        List<FlameTree.Node> top = tree.root().sortedChildren();

        assertEquals(2, top.get(0).category(), "mixed: io has 5 of 8");
        assertEquals(1, top.get(1).category(), "tie: lock (1) beats io (2)");
        assertEquals(2, tree.root().category(), "root: io has 9 of 16");
    }

    @Test
    void rejectsBadInput() {
        FlameTree tree = new FlameTree(CATEGORIES);
        assertThrows(IndexOutOfBoundsException.class, () -> tree.add(List.of("a"), 3, 1));
        assertThrows(IllegalArgumentException.class, () -> tree.add(List.of("a"), 0, -1));
        assertThrows(IllegalArgumentException.class, () -> new Category("x", "red"));
        assertEquals(0, tree.total());
    }

    @Test
    void aChainOfSingleChildrenSplitsWhereAStackEndsOrLeavesIt() {
        FlameTree tree = new FlameTree(CATEGORIES);
        tree.add(List.of("a", "b", "c", "d"), 0, 5);
        assertEquals(List.of("all 5 0", "a 5 0", "a;b 5 0", "a;b;c 5 0", "a;b;c;d 5 0"), frames(tree));

        tree.add(List.of("a", "b"), 1, 2); // ends inside the run
        tree.add(List.of("a", "b", "c", "x"), 2, 7); // leaves it one frame lower
        assertEquals(List.of("all 14 2", "a 14 2", "a;b 14 2", "a;b;c 12 2", "a;b;c;d 5 0", "a;b;c;x 7 2"),
                frames(tree));
        assertEquals(5, tree.total(0));
        assertEquals(2, tree.total(1));
        assertEquals(7, tree.total(2));
    }

    @Test
    void aSingleChildIsFoundAgainAndCountedOnce() {
        FlameTree tree = new FlameTree(CATEGORIES);
        tree.add(List.of("only"), 1, 3);
        tree.add(List.of("only"), 1, 4);
        assertEquals(List.of("all 7 1", "only 7 1"), frames(tree));
        assertInstanceOf(Run.class, tree.root().run().children);
    }

    @Test
    void moreThanEightChildrenMoveIntoAMapAndStaySorted() {
        FlameTree tree = new FlameTree(CATEGORIES);
        List<String> expected = new ArrayList<>(List.of("all 0 0"));
        for (int i = 19; i >= 0; i--) { // reverse order: sorting is the tree's job
            tree.add(List.of(String.format("f%02d", i)), i % 3, i + 1);
        }
        for (int i = 0; i < 20; i++) {
            tree.add(List.of(String.format("f%02d", i)), i % 3, 1); // found again, in array or map
            expected.add(String.format("f%02d %d %d", i, i + 2, i % 3));
        }
        expected.set(0, "all 230 1"); // per category 77, 84 and 69
        assertEquals(expected, frames(tree));
        assertInstanceOf(Map.class, tree.root().run().children);

        FlameTree eight = new FlameTree(CATEGORIES);
        for (int i = 0; i < Children.ARRAY_MAX; i++) {
            eight.add(List.of("g" + i), 0, 1);
        }
        assertInstanceOf(Object[].class, eight.root().run().children);
        assertEquals(Children.ARRAY_MAX + 1, frames(eight).size());
    }

    @Test
    void equalNamesThatAreOtherInstancesMeetInOneFrame() {
        FlameTree tree = new FlameTree(CATEGORIES);
        for (String name : List.of("p", "q", "r")) {
            tree.add(List.of(new String(name)), 0, 1); // lookups compare instances first, then equals
            tree.add(List.of(new String(name)), 0, 1);
        }
        assertEquals(List.of("all 6 0", "p 2 0", "q 2 0", "r 2 0"), frames(tree));
    }

    @Test
    void aSecondCategoryKeepsTheCountsOfTheFirst() {
        FlameTree tree = new FlameTree(CATEGORIES);
        tree.add(List.of("a", "b"), 2, 4);
        tree.add(List.of("a", "b"), 1, 3);
        tree.add(List.of("a"), 1, 1); // splits a run that already has two categories
        tree.add(List.of("a", "b"), 1, 1);
        // a: lock 5, io 4; b: lock 4, io 4, a tie that goes to the lower index
        assertEquals(List.of("all 9 1", "a 9 1", "a;b 8 1"), frames(tree));
    }

    /** Against a frame-per-node model: random stacks with shared prefixes, ends inside runs, mixed categories. */
    @Test
    void sameFramesAsANodePerFrameTree() {
        Random random = new Random(7);
        FlameTree tree = new FlameTree(CATEGORIES);
        Map<List<String>, long[]> model = new HashMap<>();
        for (int s = 0; s < 3000; s++) {
            List<String> stack = new ArrayList<>();
            int depth = random.nextInt(12);
            for (int d = 0; d < depth; d++) {
                stack.add("f" + random.nextInt(d < 3 ? 3 : 40));
            }
            int category = random.nextInt(3);
            long samples = random.nextInt(4); // zeros too: they must leave no frame
            tree.add(stack, category, samples);
            for (int d = 0; samples > 0 && d <= depth; d++) {
                model.computeIfAbsent(stack.subList(0, d), k -> new long[3])[category] += samples;
            }
        }
        Map<String, String> expected = new TreeMap<>();
        model.forEach((path, counts) -> {
            int best = 0;
            for (int i = 1; i < counts.length; i++) {
                best = counts[i] > counts[best] ? i : best;
            }
            String name = path.isEmpty() ? "all" : String.join(";", path);
            expected.put(name, name + " " + (counts[0] + counts[1] + counts[2]) + " " + best);
        });
        List<String> actual = new ArrayList<>(frames(tree));
        actual.sort(null);
        List<String> wanted = List.copyOf(new TreeSet<>(expected.values()));
        for (int i = 0; i < Math.min(wanted.size(), actual.size()); i++) {
            assertEquals(wanted.get(i), actual.get(i), "frame " + i + " of the sorted frames");
        }
        assertEquals(wanted.size(), actual.size());
    }

    /** Every frame depth-first, children sorted, as "path total category" with the root as "all". */
    static List<String> frames(FlameTree tree) {
        List<String> out = new ArrayList<>();
        walk(tree.root(), "", out);
        return out;
    }

    private static void walk(FlameTree.Node node, String parent, List<String> out) {
        String path = parent.isEmpty() ? node.name() : parent.equals("all") ? node.name() : parent + ";" + node.name();
        out.add(path + " " + node.total() + " " + node.category());
        for (FlameTree.Node child : node.sortedChildren()) {
            walk(child, path, out);
        }
    }
}
