package jspy.flamegraph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Frames merged by call path, each counting samples per category. Building is kept apart from
 * writing ({@link SvgFlameGraph}) so other formats can reuse the tree.
 */
public final class FlameTree {
    private final List<Category> categories;
    private final Node root;

    public FlameTree(List<Category> categories) {
        this.categories = List.copyOf(categories);
        this.root = new Node("all", this.categories.size());
    }

    /**
     * @param frames   root-first, e.g. "[main tid=1]", "java/lang/Thread.run", "Foo.bar"
     * @param category index into {@link #categories()}
     * @param samples  how many samples had this stack
     */
    public void add(List<String> frames, int category, long samples) {
        Objects.checkIndex(category, categories.size());
        if (samples < 0) {
            throw new IllegalArgumentException("samples must be >= 0, got " + samples);
        }
        if (samples == 0) {
            return; // a zero-sample path would become a frame nobody can see
        }
        Node node = root;
        node.counts[category] += samples;
        for (String frame : frames) {
            node = node.child(frame, categories.size());
            node.counts[category] += samples;
        }
    }

    /** All samples added. */
    public long total() {
        return root.total();
    }

    /** Samples of one category. */
    public long total(int category) {
        return root.counts[category];
    }

    public List<Category> categories() {
        return categories;
    }

    Node root() {
        return root;
    }

    /** One frame on one call path. */
    static final class Node {
        final String name;
        final long[] counts;
        private final Map<String, Node> children = new HashMap<>();

        Node(String name, int categories) {
            this.name = name;
            this.counts = new long[categories];
        }

        private Node child(String frame, int categories) {
            Objects.requireNonNull(frame, "frame");
            return children.computeIfAbsent(frame, f -> new Node(f, categories));
        }

        long total() {
            long sum = 0;
            for (long c : counts) {
                sum += c;
            }
            return sum;
        }

        /** The category holding most samples; ties go to the lower index so output is stable. */
        int category() {
            int best = 0;
            for (int i = 1; i < counts.length; i++) {
                if (counts[i] > counts[best]) {
                    best = i;
                }
            }
            return best;
        }

        /** Sorted by name like flamegraph.pl, so equal input gives equal bytes. */
        List<Node> sortedChildren() {
            if (children.isEmpty()) {
                return Collections.emptyList();
            }
            List<Node> list = new ArrayList<>(children.values());
            list.sort((a, b) -> a.name.compareTo(b.name));
            return list;
        }
    }
}
