package jspy.flamegraph;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a {@link FlameTree} as a standalone interactive SVG. The page is the resource
 * {@code flamegraph.svg}; this class only fills its placeholders, in order, drops its {@code <!--#}
 * notes (about the template, not the profile) and streams the rest.
 * Frames go into the script as short tokens referencing a table that holds each name once; the
 * script draws them at load. The output is pure ASCII and the same for the same input.
 *
 * <p>A frame token is {@code S.N[^U][+G][~C]}, numbers in base 36: S samples, N the name's index, U
 * how many levels the frame sits above a child of the previous frame (depth-first order), G the
 * samples of pruned siblings just before it, and C its category, or for a frame of several
 * categories {@code c:n:c:n…} per category; without C it has its parent's main category only. The
 * defaults cover most frames: this cut the 100k-stack benchmark's frame data from 59.6 to 32.8 kB
 * (the file from 68.7 to 51.9 kB), which pays for the script the legend, callers view and search added.
 */
public final class SvgFlameGraph {
    private static final String TEMPLATE = "flamegraph.svg";
    private static final List<String> PLACEHOLDERS =
            List.of("header", "frames", "names", "packages", "categories", "params");
    private static final Pattern PLACEHOLDER = Pattern.compile("<!--@(\\w+)-->|/\\*@(\\w+)\\*/");
    /** A note for whoever edits the template, which means nothing to the reader of a graph. */
    private static final Pattern NOTE = Pattern.compile("<!--#.*?-->\n?", Pattern.DOTALL);
    /** Template text before each placeholder, then the tail. */
    private static final List<String> PARTS = split(load());
    private static final int FRAMES_PER_LINE = 32;

    private final FlameTree tree;
    private final SvgOptions options;
    private final FrameStyle style;
    private final Writer out;
    private final long total;
    private final boolean[] hidden;
    private final Names names = new Names();
    /** With a style: one entry per written frame, 0 or [color, note]; written after the frames. */
    private final StringBuilder looks = new StringBuilder();
    private int maxDepth;

    private SvgFlameGraph(FlameTree tree, SvgOptions options, FrameStyle style, Writer out) {
        this.tree = tree;
        this.options = options;
        this.style = style;
        this.out = out;
        this.total = tree.total();
        this.hidden = Header.hidden(tree, options);
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
        new Header(tree, options, hidden, out).write();
        out.write(PARTS.get(1));
        writeFrames();
        out.write(PARTS.get(2));
        names.write(out);
        out.write(PARTS.get(3));
        names.writePackages(out);
        out.write(PARTS.get(4));
        writeCategories();
        out.write(PARTS.get(5));
        writeParams();
        out.write(PARTS.get(6));
    }

    private void writeParams() throws IOException {
        out.write("\"width\":" + options.width() + ",\"total\":" + total + ",\"depth\":" + maxDepth
                + ",\"rate\":" + BigDecimal.valueOf(options.rateHz()).stripTrailingZeros().toPlainString()
                + ",\"short\":" + options.shortNames() + ",\"hidden\":[");
        for (int i = 0, n = 0; i < hidden.length; i++) {
            if (hidden[i]) {
                out.write((n++ > 0 ? "," : "") + i);
            }
        }
        out.write("],\"notes\":[");
        for (int i = 0; i < options.notes().size(); i++) {
            out.write(i > 0 ? "," : "");
            Escape.json(options.notes().get(i), out);
        }
        out.write("]");
        if (style != null) {
            out.write(",\"looks\":[\n");
            out.write(looks.toString());
            out.write("]");
        }
    }

    /** Depth-first, children by name; iterative because Java stacks can be thousands deep. */
    private void writeFrames() throws IOException {
        if (total == 0) {
            return;
        }
        // Samples a frame needs to be at least minWidthPx wide at full width, as first shown.
        long shown = Header.shown(tree, hidden);
        double minSamples = options.minWidthPx() * (shown > 0 ? shown : total) / (options.width() - 20);
        Deque<Pending> todo = new ArrayDeque<>();
        todo.push(new Pending(tree.root(), 0, 0, null));
        int written = 0;
        int previousDepth = -1;
        StringBuilder token = new StringBuilder();
        while (!todo.isEmpty()) {
            Pending frame = todo.pop();
            token.setLength(0);
            token(frame, frame.depth() == 0 ? -1 : frame.parent().node().category(), previousDepth, token);
            previousDepth = frame.depth();
            out.write(written % FRAMES_PER_LINE == 0 ? "\"" : ",");
            out.append(token);
            if (++written % FRAMES_PER_LINE == 0) {
                out.write("\",\n");
            }
            maxDepth = Math.max(maxDepth, frame.depth());
            if (style != null) {
                writeLook(frame, written);
            }
            List<Pending> kept = new ArrayList<>();
            long gap = 0;
            for (FlameTree.Node child : frame.node().sortedChildren()) {
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
        if (written % FRAMES_PER_LINE != 0) {
            out.write("\",\n");
        }
    }

    /** The frame's token, see the class comment; parentCategory is -1 for the root. */
    private void token(Pending frame, int parentCategory, int previousDepth, StringBuilder t) {
        FlameTree.Node node = frame.node();
        t.append(Long.toString(node.total(), 36)).append('.').append(Integer.toString(names.index(node.name()), 36));
        int up = previousDepth + 1 - frame.depth();
        if (up > 0) {
            t.append('^').append(Integer.toString(up, 36));
        }
        if (frame.gap() > 0) {
            t.append('+').append(Long.toString(frame.gap(), 36));
        }
        int category = node.category();
        if (node.mixed()) {
            char separator = '~';
            for (int c = 0; c < tree.categories().size(); c++) {
                long n = node.count(c);
                if (n > 0) {
                    t.append(separator).append(Integer.toString(c, 36)).append(':').append(Long.toString(n, 36));
                    separator = ':';
                }
            }
        } else if (category != parentCategory) {
            t.append('~').append(Integer.toString(category, 36));
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

    /**
     * Splits the template at its placeholders, insisting on the order write() fills them in, and
     * drops its notes.
     */
    static List<String> split(String withNotes) {
        String template = NOTE.matcher(withNotes).replaceAll("");
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
