package jspy.cli.diff;

import java.io.InputStream;
import java.util.List;
import java.util.Set;
import jspy.cli.output.FoldedSvg;
import jspy.cli.profile.Bucket;
import jspy.cli.profile.BucketRules;
import jspy.cli.profile.Sample;
import jspy.flamegraph.FlameTree;

/**
 * A folded file as {@code jspy flamegraph} draws it: the tree of the shown stacks, the idle samples
 * hidden, and the lines skipped. A file is streamed into the tree line by line, holding neither
 * lines nor samples (a list of 100k samples of ~35 frames and the GC work on it made rendering
 * slow); the result is the one {@link FoldedFile#read} and {@link FoldedSvg#tree} give, because
 * adding to a tree sums duplicate stacks just as merging them first does. Negative counts are
 * skipped and an overflowing total fails the input, so no merged count can cancel out.
 */
public record FoldedTree(FlameTree tree, long hidden, SkippedLines skipped) {
    public static FoldedTree read(String name, InputStream stdin, boolean idle) {
        FlameTree tree = new FlameTree(FoldedSvg.buckets());
        SkippedLines skipped = new SkippedLines();
        long[] hidden = {0};
        long total = FoldedFile.forEach(name, stdin, skipped, (labelled, frames, count) -> {
            Bucket bucket = labelled != null ? labelled : BucketRules.classify(frames, Set.of());
            if (idle || bucket != Bucket.IDLE) {
                tree.add(frames, bucket.ordinal(), count);
            } else {
                hidden[0] += count;
            }
        });
        if (total == 0) {
            throw FoldedFile.noStacks(name, skipped);
        }
        return new FoldedTree(tree, hidden[0], skipped);
    }

    /** Samples already read, e.g. by FoldedFile. */
    static FoldedTree of(List<Sample> samples, boolean idle) {
        long hidden = 0;
        for (Sample s : samples) {
            hidden += !idle && s.bucket() == Bucket.IDLE ? s.count() : 0;
        }
        return new FoldedTree(FoldedSvg.tree(samples, idle), hidden, new SkippedLines());
    }
}
