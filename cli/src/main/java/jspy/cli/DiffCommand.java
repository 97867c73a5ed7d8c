package jspy.cli;

import jspy.cli.base.JspyException;
import jspy.cli.base.ExitCode;
import jspy.cli.base.Printable;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import jspy.cli.diff.Differential;
import jspy.cli.diff.FoldedFile;
import jspy.cli.diff.Significance;
import jspy.cli.output.FoldedSvg;
import jspy.cli.output.OutputFiles;
import jspy.cli.output.Summary;
import jspy.flamegraph.SvgOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jspy diff}: a differential flame graph of two folded-stack files, and what grew and shrank beyond noise. */
@Command(name = "diff", mixinStandardHelpOptions = true, addMethodSubcommands = false, sortOptions = false,
        description = "Compare two folded-stack files (e.g. jspy -f collapsed of main and of a PR): "
                + "writes NEW's flame graph with each frame red where its share of samples grew against "
                + "BASE, blue where it shrank and grey where the change is within noise, and prints the frames "
                + "whose self share grew and shrank beyond noise.")
@Main.Usage(exitCodes = {ExitCode.OK, ExitCode.ERROR, ExitCode.USAGE, ExitCode.OUTPUT, ExitCode.INPUT})
public final class DiffCommand implements Callable<Integer> {
    /** The legend's meaning, one line under the subtitle. */
    static final String LEGEND = "red: share of all samples grew · blue: shrank · grey: change within noise ("
            + Significance.RULE + ") · deeper: larger change · frames only in BASE are not drawn, see the list";

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BASE", description = "Folded stacks before.")
    String base;

    @Parameters(index = "1", paramLabel = "NEW", description = "Folded stacks after.")
    String next;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT.svg", required = true, description = "Where to write the SVG.")
    Path output;

    @Option(names = "--idle", description = "Compare idle stacks too (left out by default, as in record).")
    boolean idle;

    @Option(names = "--top", paramLabel = "N", defaultValue = "10", description = "Frames to print per list, grew and shrank (default: ${DEFAULT-VALUE}; 0: none).")
    int top;

    @Option(names = "--title", paramLabel = "TEXT", description = "Title (default: jspy diff — BASE → NEW).")
    String title;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        if (base.equals("-") && next.equals("-")) {
            throw new JspyException(ExitCode.USAGE, "BASE and NEW cannot both be standard input", "pass a file for one");
        }
        if (top < 0) {
            throw new JspyException(ExitCode.USAGE, "--top must be 0 or more, got " + top, "pass --top N");
        }
        OutputFiles.checkWritable(output);
        FoldedFile.Stacks before = FoldedFile.read(base, System.in);
        FoldedFile.Stacks after = FoldedFile.read(next, System.in);
        Differential diff = new Differential(before.samples(), after.samples(), idle);
        if (diff.baseTotal() == 0 || diff.newTotal() == 0) {
            throw new JspyException(ExitCode.INPUT, "no non-idle samples in " + (diff.baseTotal() == 0 ? base : next),
                    "pass --idle to compare idle stacks");
        }
        String subtitle = String.format(Locale.ROOT, "widths: NEW, %,d samples · colour: share of all samples "
                + "vs BASE, %,d samples", diff.newTotal(), diff.baseTotal());
        FoldedSvg.write(diff.tree(), SvgOptions.defaults(title != null ? title : "jspy diff — " + base + " → " + next,
                subtitle).withNotes(List.of(LEGEND)), diff.style(), output);
        printLists(diff, spec.commandLine().getOut());
        PrintWriter err = spec.commandLine().getErr();
        for (String warning : new String[] {before.skipped().warning(base), after.skipped().warning(next)}) {
            if (warning != null) {
                err.println(warning);
            }
        }
        err.println("Wrote differential flame graph to '" + Printable.of(output.toString()) + "'. Samples: base "
                + diff.baseTotal() + ", new " + diff.newTotal() + "."
                + Summary.skipped(before.skipped().total() + after.skipped().total()));
        err.flush();
        return ExitCode.OK.code();
    }

    private void printLists(Differential diff, PrintWriter out) {
        if (top > 0) {
            list(out, diff.grew(top), "grew", "Frames whose self share grew beyond noise (percentage points of all samples):");
            list(out, diff.shrank(top), "shrank", "Frames whose self share shrank beyond noise:");
            int quiet = diff.withinNoise();
            if (quiet > 0) {
                out.println("Not listed: " + quiet + (quiet == 1 ? " frame" : " frames")
                        + " whose self share changed within noise (" + Significance.RULE + ").");
            }
        }
        out.flush();
    }

    private static void list(PrintWriter out, List<Differential.Change> changes, String verb, String header) {
        out.println(changes.isEmpty() ? "No frame's self share " + verb + " beyond noise." : header);
        changes.forEach(c -> out.println(c.line()));
    }
}
