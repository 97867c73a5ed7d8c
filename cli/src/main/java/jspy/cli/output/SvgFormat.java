package jspy.cli.output;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jspy.cli.profile.Bucket;
import jspy.cli.profile.Profile;
import jspy.cli.profile.Sample;
import jspy.flamegraph.Category;
import jspy.flamegraph.FlameTree;
import jspy.flamegraph.SvgFlameGraph;
import jspy.flamegraph.SvgOptions;

/** The interactive SVG flame graph, coloured by bucket. Rendering lives in the flamegraph module. */
public final class SvgFormat implements ProfileWriter {
    @Override
    public void write(Profile profile, Writer out) throws IOException {
        List<Category> categories = new ArrayList<>();
        for (Bucket b : Bucket.values()) {
            categories.add(new Category(b.label(), b.color()));
        }
        FlameTree tree = new FlameTree(categories);
        for (Sample s : profile.samples()) {
            if (profile.shown(s)) {
                tree.add(s.display(profile.showThreads()), s.bucket().ordinal(), s.count());
            }
        }
        SvgFlameGraph.write(tree, SvgOptions.defaults("jspy — " + profile.target().describe(), subtitle(profile)),
                out);
    }

    static String subtitle(Profile profile) {
        return String.format(Locale.ROOT, "wall-clock · %s Hz · %.1f s · %,d samples%s", Profile.hz(profile.rateHz()),
                profile.seconds(), profile.shownSamples(), profile.showIdle() ? " · idle shown" : "");
    }
}
