package jspy.flamegraph;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a {@link FlameTree} as a standalone interactive SVG. The page is the resource
 * {@code flamegraph.svg}; this class only fills its placeholders, in order, and streams the rest.
 * Frames go into the script as numbers referencing a table that holds each name once; the
 * script draws them at load. The output is pure ASCII and the same for the same input.
 */
public final class SvgFlameGraph {
    private static final String TEMPLATE = "flamegraph.svg";
    private static final List<String> PLACEHOLDERS =
            List.of("header", "frames", "names", "categories", "params");
    private static final Pattern PLACEHOLDER = Pattern.compile("<!--@(\\w+)-->|/\\*@(\\w+)\\*/");
    /** Template text before each placeholder, then the tail. */
    private static final List<String> PARTS = split(load());
    private static final int FRAMES_PER_LINE = 16;

    private final FlameTree tree;
    private final SvgOptions options;
    private final FrameStyle style;
    private final Writer out;
    private final long total;
    /** Name to index, in first-use order; filled while frames are written, written after them. */
    private final Map<String, Integer> names = new LinkedHashMap<>();
    /** With a style: one entry per written frame, 0 or [color, note]; written after the frames. */
    private final StringBuilder looks = new StringBuilder();
    private int maxDepth;

    private SvgFlameGraph(FlameTree tree, SvgOptions options, FrameStyle style, Writer out) {
        this.tree = tree;
        this.options = options;
        this.style = style;
        this.out = out;
        this.total = tree.total();
    }

    /** Streams the SVG to out, which is flushed but not closed. */
    public static void write(FlameTree tree, SvgOptions options, Writer out) throws IOException {
        write(tree, options, null, out);
    }

    /** As {@link #write(FlameTree, SvgOptions, Writer)}, with frames coloured and described by style. */
    public static void write(FlameTree tree, SvgOptions options, FrameStyle style, Writer out) throws IOException {
        BufferedWriter buffered = new BufferedWriter(out, 1 << 16);
        new SvgFlameGraph(tree, options, style, buffered).write();
        buffered.flush();
    }

    private void write() throws IOException {
        out.write(PARTS.get(0));
        writeHeader();
        out.write(PARTS.get(1));
        writeFrames();
        out.write(PARTS.get(2));
        writeNames();
        out.write(PARTS.get(3));
        writeCategories();
        out.write(PARTS.get(4));
        out.write("\"width\":" + options.width() + ",\"total\":" + total + ",\"depth\":" + maxDepth);
        if (style != null) {
            out.write(",\"looks\":[\n");
            out.write(looks.toString());
            out.write("]");
        }
        out.write(PARTS.get(5));
    }

    private void writeHeader() throws IOException {
        int center = options.width() / 2;
        text("title", center, 24, options.title());
        text("subtitle", center, 44, options.subtitle());
        if (total == 0) {
            text("empty", center, 100, "No samples were collected");
            return;
        }
        out.write("<g id=\"legend\">\n");
        int x = 10;
        List<Category> categories = tree.categories();
        for (int i = 0; i < categories.size(); i++) {
            long samples = tree.total(i);
            if (samples == 0) {
                continue;
            }
            Category category = categories.get(i);
            // Root locale: a German default would otherwise write "41,2%".
            String label = category.name() + " "
                    + String.format(Locale.ROOT, "%.1f%%", 100.0 * samples / total);
            out.write("<rect x=\"" + x + "\" y=\"55\" width=\"12\" height=\"12\" fill=\""
                    + category.color() + "\"/>");
            text(null, x + 16, 66, label);
            x += 16 + label.length() * 7 + 18;
        }
        out.write("</g>\n");
    }

    private void text(String id, int x, int y, String content) throws IOException {
        out.write(id == null ? "<text" : "<text id=\"" + id + "\"");
        out.write(" x=\"" + x + "\" y=\"" + y + "\">");
        Escape.xml(content, out);
        out.write("</text>\n");
    }

    /** Depth-first, children by name; iterative because Java stacks can be thousands deep. */
    private void writeFrames() throws IOException {
        if (total == 0) {
            return;
        }
        // Samples a frame needs to be at least minWidthPx wide at full width.
        double minSamples = options.minWidthPx() * total / (options.width() - 20);
        Deque<Pending> todo = new ArrayDeque<>();
        todo.push(new Pending(tree.root(), 0, 0, null));
        int written = 0;
        while (!todo.isEmpty()) {
            Pending frame = todo.pop();
            FlameTree.Node node = frame.node();
            out.write(frame.depth() + "," + frame.gap() + "," + node.total() + ","
                    + nameIndex(node.name()) + "," + node.category() + ",");
            if (++written % FRAMES_PER_LINE == 0) {
                out.write('\n');
            }
            maxDepth = Math.max(maxDepth, frame.depth());
            if (style != null) {
                writeLook(frame, written);
            }
            List<Pending> kept = new ArrayList<>();
            long gap = 0;
            for (FlameTree.Node child : node.sortedChildren()) {
                long samples = child.total();
                if (samples < minSamples) {
                    gap += samples;
                } else {
                    kept.add(new Pending(child, frame.depth() + 1, gap, frame));
                    gap = 0;
                }
            }
            for (int i = kept.size() - 1; i >= 0; i--) {
                todo.push(kept.get(i));
            }
        }
    }

    /** A frame still to write; gap is the pruned siblings' samples just before it. */
    private record Pending(FlameTree.Node node, int depth, long gap, Pending parent) {
        /** Root first, without the "all" root; built only when a style asks. */
        List<String> path() {
            String[] path = new String[depth];
            Pending p = this;
            for (int i = depth - 1; i >= 0; i--, p = p.parent) {
                path[i] = p.node.name();
            }
            return List.of(path);
        }
    }

    private void writeLook(Pending frame, int written) throws IOException {
        FrameStyle.Look look = style.look(frame.path(), frame.node().total());
        if (look == null) {
            looks.append('0');
        } else {
            looks.append("[\"").append(look.color()).append("\",");
            Escape.json(look.note(), looks);
            looks.append(']');
        }
        looks.append(written % FRAMES_PER_LINE == 0 ? ",\n" : ",");
    }

    private int nameIndex(String name) {
        return names.computeIfAbsent(name, n -> names.size());
    }

    private void writeNames() throws IOException {
        int i = 0;
        for (String name : names.keySet()) {
            Escape.json(name, out);
            out.write(++i % 8 == 0 ? ",\n" : ",");
        }
    }

    private void writeCategories() throws IOException {
        for (Category category : tree.categories()) {
            out.write('[');
            Escape.json(category.name(), out);
            out.write(",\"" + category.color() + "\"],");
        }
    }

    private static String load() {
        try (InputStream in = SvgFlameGraph.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + TEMPLATE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Splits the template at its placeholders, insisting on the order write() fills them in. */
    static List<String> split(String template) {
        List<String> parts = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(template);
        int start = 0;
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            if (parts.size() >= PLACEHOLDERS.size() || !PLACEHOLDERS.get(parts.size()).equals(name)) {
                throw new IllegalStateException("template placeholder " + name + " out of order");
            }
            parts.add(template.substring(start, m.start()));
            start = m.end();
        }
        if (parts.size() != PLACEHOLDERS.size()) {
            throw new IllegalStateException("template lacks placeholders " + PLACEHOLDERS);
        }
        parts.add(template.substring(start));
        return List.copyOf(parts);
    }
}
