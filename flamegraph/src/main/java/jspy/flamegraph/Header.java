package jspy.flamegraph;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The lines above the frames as they stand before the script runs (a viewer without scripts shows
 * just these): title, subtitle, notes, and a legend of the categories that have samples. The script
 * redraws notes and legend whenever the reader shows or hides a category.
 */
final class Header {
    private final FlameTree tree;
    private final SvgOptions options;
    private final boolean[] hidden;
    private final Writer out;

    Header(FlameTree tree, SvgOptions options, boolean[] hidden, Writer out) {
        this.tree = tree;
        this.options = options;
        this.hidden = hidden;
        this.out = out;
    }

    /** Per category, whether the reader starts with it hidden; every name must be a category. */
    static boolean[] hidden(FlameTree tree, SvgOptions options) {
        List<Category> categories = tree.categories();
        boolean[] hidden = new boolean[categories.size()];
        List<String> unknown = new ArrayList<>(options.hidden());
        for (int i = 0; i < hidden.length; i++) {
            hidden[i] = options.hidden().contains(categories.get(i).name());
            unknown.remove(categories.get(i).name());
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("hidden categories " + unknown + " are not in " + categories);
        }
        return hidden;
    }

    /** Samples of the categories shown at first. */
    static long shown(FlameTree tree, boolean[] hidden) {
        long shown = 0;
        for (int i = 0; i < hidden.length; i++) {
            shown += hidden[i] ? 0 : tree.total(i);
        }
        return shown;
    }

    void write() throws IOException {
        int center = options.width() / 2;
        text("title", center, 24, options.title());
        text("subtitle", center, 44, options.subtitle());
        text("notes", center, 62, notes());
        if (tree.total() == 0) {
            text("empty", center, 120, "No samples were collected");
            return;
        }
        writeLegend();
    }

    /** Hidden samples first (the count the reader may want back), then the caller's notes. */
    private String notes() {
        List<String> parts = new ArrayList<>();
        long hiddenSamples = tree.total() - shown(tree, hidden);
        if (hiddenSamples > 0) {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < hidden.length; i++) {
                if (hidden[i] && tree.total(i) > 0) {
                    names.add(tree.categories().get(i).name());
                }
            }
            parts.add(String.format(Locale.ROOT, "%,d %s samples hidden (click the legend to show them)",
                    hiddenSamples, String.join(" and ", names)));
        }
        parts.addAll(options.notes());
        return String.join(" \u00b7 ", parts);
    }

    private void writeLegend() throws IOException {
        out.write("<g id=\"legend\">\n");
        int x = 10;
        long shown = shown(tree, hidden);
        List<Category> categories = tree.categories();
        for (int i = 0; i < categories.size(); i++) {
            long samples = tree.total(i);
            if (samples == 0) {
                continue;
            }
            Category category = categories.get(i);
            // Root locale: a German default would otherwise write "41,2%".
            String label = category.name() + " " + (hidden[i] ? "(hidden)"
                    : String.format(Locale.ROOT, "%.1f%%", 100.0 * samples / shown));
            out.write("<g class=\"bucket" + (hidden[i] ? " off" : "") + "\" data-category=\"" + i + "\">"
                    + "<rect x=\"" + x + "\" y=\"73\" width=\"12\" height=\"12\" fill=\"" + category.color() + "\"/>");
            text(null, x + 16, 84, label);
            out.write("</g>\n");
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
}
