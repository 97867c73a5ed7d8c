package jspy.flamegraph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
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
        assertEquals(List.of("a"), tree.root().sortedChildren().stream().map(n -> n.name).toList());
        FlameTree.Node a = tree.root().sortedChildren().get(0);
        assertEquals(10, a.total());
        assertEquals(List.of("b", "c"), a.sortedChildren().stream().map(n -> n.name).toList());
        assertEquals("all", tree.root().name);
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
}
