package jspy.flamegraph;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Frames merged by call path, each counting samples per category. Building is kept apart from
 * writing ({@link SvgFlameGraph}) so other formats can reuse the tree. Frames that all the same
 * stacks pass through are stored together as one {@link Run}; {@link Node} shows them one by one.
 */
public final class FlameTree {
    private final List<Category> categories;
    private final Run root = new Run(new String[] {"all"});

    public FlameTree(List<Category> categories) {
        this.categories = List.copyOf(categories);
    }

    /**
     * @param frames   root-first, e.g. "[main tid=1]", "java/lang/Thread.run", "Foo.bar"; the list
     *                 is not kept, so callers may reuse it
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
        int size = frames.size();
        for (int i = 0; i < size; i++) {
            Objects.requireNonNull(frames.get(i), "frame");
        }
        int n = categories.size();
        Run run = root;
        run.add(category, samples, n);
        for (int i = 0; i < size; ) {
            Run child = Children.find(run.children, frames.get(i));
            if (child == null) {
                String[] rest = new String[size - i];
                for (int j = 0; j < rest.length; j++) {
                    rest[j] = frames.get(i + j);
                }
                child = new Run(rest);
                run.children = Children.with(run.children, child);
                child.add(category, samples, n);
                return;
            }
            int same = 1;
            while (same < child.frames.length && i + same < size && child.frames[same].equals(frames.get(i + same))) {
                same++;
            }
            if (same < child.frames.length) {
                child.splitAt(same); // this stack leaves the run, or ends, inside it
            }
            child.add(category, samples, n);
            run = child;
            i += same;
        }
    }

    /** All samples added. */
    public long total() {
        return root.total();
    }

    /** Samples of one category. */
    public long total(int category) {
        return root.count(category);
    }

    public List<Category> categories() {
        return categories;
    }

    Node root() {
        return new Node(root, 0);
    }

    /** One frame on one call path: frame {@code index} of a run. */
    record Node(Run run, int index) {
        String name() {
            return run.frames[index];
        }

        long total() {
            return run.total();
        }

        /** The category holding most samples; ties go to the lower index so output is stable. */
        int category() {
            return run.category();
        }

        /** Samples of one category. */
        long count(int category) {
            return run.count(category);
        }

        /** Whether more than one category was seen here. */
        boolean mixed() {
            return run.mixed();
        }

        /** Sorted by name like flamegraph.pl, so equal input gives equal bytes. */
        List<Node> sortedChildren() {
            if (index + 1 < run.frames.length) {
                return List.of(new Node(run, index + 1));
            }
            List<Node> nodes = new ArrayList<>();
            for (Run child : Children.sorted(run.children)) {
                nodes.add(new Node(child, 0));
            }
            return nodes;
        }
    }
}
