package jspy.cli.diff;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Set;
import jspy.cli.output.FoldedSvg;
import jspy.cli.profile.Bucket;
import jspy.cli.profile.BucketRules;
import jspy.cli.profile.Sample;
import jspy.flamegraph.FlameTree;

/**
 * A folded file as {@code jspy flamegraph} draws it: the tree of the shown stacks and the idle
 * samples hidden. A file is streamed into the tree line by line, holding neither lines nor samples
 * (a list of 100k samples of ~35 frames and the GC work on it made rendering slow); the result is
 * the one {@link FoldedFile#read} and {@link FoldedSvg#tree} give, because adding to a tree sums
 * duplicate stacks just as merging them first does. Only a stack whose merged count is not positive
 * differs: FoldedFile drops it, so an input with a negative count, or counts that overflow, is read
 * again through FoldedFile. Standard input cannot be read twice and always goes that way.
 */
public record FoldedTree(FlameTree tree, long hidden) {
    public static FoldedTree read(String name, InputStream stdin, boolean idle) {
        if (!name.equals("-")) {
            Streamed streamed = FoldedFile.read(name, stdin, in -> stream(in, idle));
            if (streamed.exact()) {
                if (streamed.stacks() == 0) {
                    throw FoldedFile.noStacks(name);
                }
                return streamed.tree();
            }
        }
        return of(FoldedFile.read(name, stdin), idle);
    }

    /** Samples already read, e.g. by FoldedFile. */
    static FoldedTree of(List<Sample> samples, boolean idle) {
        long hidden = 0;
        for (Sample s : samples) {
            hidden += !idle && s.bucket() == Bucket.IDLE ? s.count() : 0;
        }
        return new FoldedTree(FoldedSvg.tree(samples, idle), hidden);
    }

    /** The tree so far; not exact when a count was negative or the sum overflowed (reading stops there). */
    record Streamed(FoldedTree tree, long stacks, boolean exact) {
    }

    static Streamed stream(BufferedReader in, boolean idle) throws IOException {
        FlameTree tree = new FlameTree(FoldedSvg.buckets());
        FoldedLine line = new FoldedLine();
        long stacks = 0;
        long total = 0;
        long hidden = 0;
        CharLines lines = new CharLines(in);
        while (lines.next()) {
            if (!line.parse(lines.chars(), lines.start(), lines.end()) || line.count() == 0) {
                continue;
            }
            if (line.count() < 0 || total > Long.MAX_VALUE - line.count()) {
                return new Streamed(new FoldedTree(tree, hidden), stacks, false);
            }
            List<String> frames = line.frames();
            if (frames.isEmpty()) {
                continue;
            }
            total += line.count();
            stacks++;
            Bucket bucket = line.bucket() != null ? line.bucket() : BucketRules.classify(frames, Set.of());
            if (idle || bucket != Bucket.IDLE) {
                tree.add(frames, bucket.ordinal(), line.count());
            } else {
                hidden += line.count();
            }
        }
        return new Streamed(new FoldedTree(tree, hidden), stacks, true);
    }
}
