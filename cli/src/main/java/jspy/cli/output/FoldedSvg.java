package jspy.cli.output;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import jspy.cli.base.ExitCode;
import jspy.cli.base.JspyException;
import jspy.cli.profile.Bucket;
import jspy.cli.profile.Sample;
import jspy.flamegraph.Category;
import jspy.flamegraph.FlameTree;
import jspy.flamegraph.FrameStyle;
import jspy.flamegraph.SvgFlameGraph;
import jspy.flamegraph.SvgOptions;

/** Flame graphs of samples that did not come from a recording: {@code jspy flamegraph} and {@code jspy diff}. */
public final class FoldedSvg {
    private FoldedSvg() {
    }

    /** The bucket categories, in Bucket order, as SvgFormat uses them. */
    public static List<Category> buckets() {
        List<Category> categories = new ArrayList<>();
        for (Bucket b : Bucket.values()) {
            categories.add(new Category(b.label(), b.color()));
        }
        return categories;
    }

    /** The categories a flame graph carries but hides at first: idle, unless it is shown. */
    public static Set<String> hidden(boolean idleShown) {
        return idleShown ? Set.of() : Set.of(Bucket.IDLE.label());
    }

    /** A tree of the shown samples' full stacks (wait target and thread frames kept as the file had them), coloured by bucket. */
    public static FlameTree tree(List<Sample> samples, boolean idle) {
        FlameTree tree = new FlameTree(buckets());
        for (Sample s : samples) {
            if (idle || s.bucket() != Bucket.IDLE) {
                tree.add(s.display(true), s.bucket().ordinal(), s.count());
            }
        }
        return tree;
    }

    public static void write(FlameTree tree, SvgOptions options, FrameStyle style, Path file) {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            SvgFlameGraph.write(tree, options, style, w);
        } catch (IOException e) {
            throw new JspyException(ExitCode.OUTPUT, "cannot write " + file + ": " + e.getMessage(),
                    "check the directory exists and is writable", e);
        }
    }
}
