package jspy.cli.diff;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Samples per call path, to look up how many samples a path of one profile had in the other. */
final class StackTrie {
    private final Node root = new Node();

    static final class Node {
        long samples;
        final Map<String, Node> children = new HashMap<>();
    }

    void add(List<String> frames, long samples) {
        Node node = root;
        node.samples += samples;
        for (String f : frames) {
            node = node.children.computeIfAbsent(f, k -> new Node());
            node.samples += samples;
        }
    }

    long total() {
        return root.samples;
    }

    Node root() {
        return root;
    }

    /** Samples on exactly this path (0 if the profile never had it). */
    long samples(List<String> path) {
        Node node = root;
        for (String f : path) {
            node = node.children.get(f);
            if (node == null) {
                return 0;
            }
        }
        return node.samples;
    }
}
