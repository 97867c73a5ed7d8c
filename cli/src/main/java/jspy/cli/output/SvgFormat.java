package jspy.cli.output;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import jspy.cli.profile.Profile;
import jspy.cli.profile.Sample;
import jspy.flamegraph.FlameTree;
import jspy.flamegraph.SvgFlameGraph;
import jspy.flamegraph.SvgOptions;

/**
 * The interactive SVG flame graph, coloured by bucket. Rendering lives in the flamegraph module.
 * Idle samples are always written, hidden unless the profile shows them, so the reader can turn
 * them on in the legend without recording again.
 */
public final class SvgFormat implements ProfileWriter {
    private final boolean shortNames;

    public SvgFormat() {
        this(false);
    }

    /** @param shortNames start with short frame names ({@code NioSocketImpl.read}); the reader can switch */
    public SvgFormat(boolean shortNames) {
        this.shortNames = shortNames;
    }

    @Override
    public void write(Profile profile, Writer out) throws IOException {
        FlameTree tree = new FlameTree(FoldedSvg.buckets());
        for (Sample s : profile.samples()) {
            tree.add(s.display(profile.showThreads()), s.bucket().ordinal(), s.count());
        }
        SvgOptions options = SvgOptions.defaults("jspy — " + profile.target().describe(), subtitle(profile))
                .withHidden(FoldedSvg.hidden(profile.showIdle()))
                .withNotes(notes(profile))
                .withRate(profile.rateHz())
                .withShortNames(shortNames);
        SvgFlameGraph.write(tree, options, out);
    }

    static String subtitle(Profile profile) {
        return String.format(Locale.ROOT, "wall-clock · %s Hz · %.1f s · %,d samples%s", Profile.hz(profile.rateHz()),
                profile.seconds(), profile.shownSamples(), profile.showIdle() ? " · idle shown" : "");
    }

    /**
     * Lines under the subtitle, e.g. that the rate was lowered or fell behind. The SVG adds how many
     * idle samples it hides by itself, as that changes when the reader shows them.
     */
    static List<String> notes(Profile profile) {
        List<String> out = new java.util.ArrayList<>();
        String rate = profile.rateNote();
        if (rate != null) {
            out.add("sampling fell behind: " + rate);
        }
        out.addAll(profile.notes());
        return out;
    }
}
