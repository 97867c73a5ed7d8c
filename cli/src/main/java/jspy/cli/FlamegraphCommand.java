package jspy.cli;

import jspy.cli.base.ExitCode;
import jspy.cli.base.Printable;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import jspy.cli.diff.FoldedTree;
import jspy.cli.diff.JfrInput;
import jspy.cli.base.JspyException;
import jspy.cli.output.FoldedSvg;
import jspy.cli.output.Format;
import jspy.cli.output.OutputFiles;
import jspy.cli.output.Summary;
import jspy.cli.profile.Bucket;
import jspy.cli.profile.Profile;
import jspy.flamegraph.FlameTree;
import jspy.flamegraph.SvgOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jspy flamegraph}: jspy's SVG for any folded-stack file, e.g. async-profiler's or perf's;
 * and a JFR recording in every format record writes, through the same writers.
 */
@Command(name = "flamegraph", mixinStandardHelpOptions = true, addMethodSubcommands = false, sortOptions = false,
        description = "Render a folded-stack file (jspy -f collapsed, async-profiler collapsed, "
                + "stackcollapse-perf.pl output: 'a;b;c 42' per line) as jspy's flame graph, coloured by "
                + "bucket. Lines starting with '[bucket];' keep that bucket; others are classified.")
@Main.Usage(exitCodes = {ExitCode.OK, ExitCode.ERROR, ExitCode.USAGE, ExitCode.OUTPUT, ExitCode.INPUT})
public final class FlamegraphCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN", description = "Folded stacks ('-' reads standard input), or a JFR "
            + "recording (.jfr) from async-profiler or the JDK's Flight Recorder.")
    String input;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT.svg", required = true,
            description = "Where to write; its extension picks the format unless -f says (.svg, and for a JFR input "
                    + ".collapsed, .json, .speedscope.json, .pb.gz, .html).")
    Path output;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", split = ",",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: what -o's extension names, else svg); "
                    + "several, comma-separated, write one file each. Folded input renders as svg only.",
            converter = FormatConverter.class, completionCandidates = FormatConverter.Names.class)
    List<Format> formats;

    @Option(names = "--idle", description = "Show idle stacks (hidden by default, as in record).")
    boolean idle;

    @Option(names = "--title", paramLabel = "TEXT", description = "Title (default: jspy — IN).")
    String title;

    @Mixin
    LinesOption lines;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        boolean jfr = JfrInput.isJfr(input);
        if (!jfr) {
            foldedAsSvgOnly(OutputFiles.formats(output, formats));
        }
        Map<Format, Path> files = OutputFiles.resolve(output, formats, null, spec.commandLine().getErr());
        if (!jfr) {
            // Idle is always read into the graph, hidden unless --idle: the legend can show it.
            svg(FoldedTree.read(input, System.in, true), files.get(Format.SVG));
            return ExitCode.OK.code();
        }
        Profile profile = JfrInput.profile(input, idle, lines.on(), files.containsKey(Format.HTML));
        Map<Format, Path> others = new LinkedHashMap<>(files);
        if (others.remove(Format.SVG) != null) {
            svg(JfrInput.tree(profile), files.get(Format.SVG));
        }
        others.forEach((format, file) -> OutputFiles.write(format, profile, file));
        PrintWriter err = spec.commandLine().getErr();
        if (!others.isEmpty()) {
            err.println(Summary.recorded(others, profile));
        }
        for (String note : profile.notes()) {
            err.println("jspy: warning: " + note + ".");
        }
        err.flush();
        return ExitCode.OK.code();
    }

    /**
     * Folded stacks hold sample counts but no sampling rate or duration: pprof's default sample
     * type is wall nanoseconds, speedscope's unit milliseconds and the JSON summary has
     * durationSeconds and rateHz, so each would need an invented rate. A JFR recording has the
     * times, so it gets every format. Collapsed output of collapsed input would be the input again.
     */
    private static void foldedAsSvgOnly(List<Format> asked) {
        List<String> others = asked.stream().filter(f -> f != Format.SVG).map(Format::formatName).toList();
        if (others.isEmpty()) {
            return;
        }
        String timed = others.stream().filter(f -> !f.equals(Format.COLLAPSED.formatName()))
                .collect(Collectors.joining(","));
        String why = timed.isEmpty() ? "the input is collapsed stacks already" : "they hold sample counts but no "
                + "sampling rate, and " + timed + (timed.contains(",") ? " measure" : " measures") + " time";
        String hint = timed.isEmpty() ? "-o OUT.svg" : "-o OUT.svg; for " + timed + ", pass a .jfr recording or record "
                + "with -f " + timed;
        throw new JspyException(ExitCode.USAGE, "folded stacks render as svg only, not " + String.join(",", others)
                + ": " + why, hint);
    }

    /** jspy's SVG of a flame tree, as for folded input: --title and the idle samples hidden in the legend. */
    private void svg(FoldedTree folded, Path output) {
        FlameTree tree = folded.tree();
        long hidden = idle ? 0 : tree.total(Bucket.IDLE.ordinal());
        String subtitle = String.format(Locale.ROOT, "%,d samples%s", tree.total() - hidden, idle ? " · idle shown" : "");
        FoldedSvg.write(tree, SvgOptions.defaults(title != null ? title : "jspy — " + input, subtitle)
                .withHidden(FoldedSvg.hidden(idle)), null, output);
        PrintWriter err = spec.commandLine().getErr();
        String warning = folded.skipped().warning(input);
        if (warning != null) {
            err.println(warning);
        }
        err.println("Wrote flame graph to '" + Printable.of(output.toString()) + "'. Samples: " + (tree.total() - hidden)
                + "." + (hidden > 0 ? " Idle samples hidden: " + hidden + " (show them with --idle or the legend)." : "")
                + Summary.skipped(folded.skipped().total()));
        err.flush();
    }
}
