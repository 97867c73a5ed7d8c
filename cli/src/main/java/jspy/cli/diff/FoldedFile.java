package jspy.cli.diff;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jspy.cli.base.ExitCode;
import jspy.cli.base.JspyException;
import jspy.cli.base.Printable;
import jspy.cli.profile.Bucket;
import jspy.cli.profile.WaitTarget;
import jspy.cli.profile.BucketRules;
import jspy.cli.profile.Sample;

/**
 * Reads a folded-stack file ({@code a;b;c 42}, root first) as written by jspy's {@code -f collapsed},
 * async-profiler's collapsed output, or stackcollapse-perf.pl. A line that starts with a bucket in
 * brackets ({@code [socket];...}, jspy's own output) keeps that bucket and has its names unescaped
 * (see CollapsedFormat); every other line is normalized and classified by BucketRules, as if jspy
 * had sampled it. Lines that cannot be read (bad bytes, a negative count, no count) are skipped and
 * counted in {@link SkippedLines}; only an input with no stack at all, a line longer than
 * {@link CharLines#MAX_LINE} bytes, or counts that add up past Long.MAX_VALUE fail the command.
 */
public final class FoldedFile {
    private FoldedFile() {
    }

    /** What a folded input holds: the stacks, merged, and the lines skipped. */
    public record Stacks(List<Sample> samples, SkippedLines skipped) {
    }

    /** Receives each stack of an input in order; frames are valid only during the call. */
    interface Sink {
        void stack(Bucket labelled, List<String> frames, long count);
    }

    /**
     * "-" reads standard input. Identical stacks (and buckets) are merged, in order of first
     * appearance. Fails with one line (exit 10) when no stack is left.
     */
    public static Stacks read(String name, InputStream stdin) {
        Stacks stacks = readAny(name, stdin, Set.of());
        if (stacks.samples().isEmpty()) {
            throw noStacks(name, stacks.skipped());
        }
        return stacks;
    }

    private static Stacks readAny(String name, InputStream stdin, Set<String> jdbcClasses) {
        Map<Key, long[]> merged = new LinkedHashMap<>();
        SkippedLines skipped = new SkippedLines();
        forEach(name, stdin, skipped, (bucket, frames, count) -> {
            long[] sum = merged.get(new Key(bucket, frames));
            if (sum == null) {
                merged.put(new Key(bucket, List.copyOf(frames)), new long[] {count});
            } else {
                sum[0] += count; // cannot overflow: forEach checked the total
            }
        });
        List<Sample> samples = new ArrayList<>(merged.size());
        merged.forEach((key, count) -> samples.add(sample(key, count[0], jdbcClasses)));
        return new Stacks(samples, skipped);
    }

    private record Key(Bucket bucket, List<String> frames) {
    }

    /** A jspy line's wait target ([peer …] after [socket]) goes back to being the sample's target. */
    private static Sample sample(Key key, long count, Set<String> jdbcClasses) {
        List<String> frames = key.frames();
        if (key.bucket() == null) {
            return new Sample(frames, BucketRules.classify(frames, jdbcClasses), count);
        }
        WaitTarget target = frames.isEmpty() ? null : WaitTarget.parse(key.bucket(), frames.get(0));
        return target == null ? new Sample(frames, key.bucket(), count)
                : new Sample(frames.subList(1, frames.size()), key.bucket(), count, target);
    }

    /**
     * Hands each stack of input {@code name} ("-": standard input) to {@code sink}, counts the lines
     * skipped into {@code skipped}, and returns the total count; fails with one line (exit 10) when
     * the input cannot be read, has a line too long, or counts that overflow.
     */
    static long forEach(String name, InputStream stdin, SkippedLines skipped, Sink sink) {
        try (InputStream in = name.equals("-") ? stdin : Files.newInputStream(Path.of(name))) {
            CharLines lines = new CharLines(in);
            FoldedLine line = new FoldedLine();
            long total = 0;
            while (lines.next()) {
                if (lines.bad()) {
                    skipped.add(SkippedLines.Reason.NOT_UTF8, lines.number());
                } else if (line.parse(lines.chars(), lines.start(), lines.end())) {
                    total = add(total, line.count(), name, lines.number());
                    sink.stack(line.bucket(), line.frames(), line.count());
                } else if (line.skipped() != null) {
                    skipped.add(line.skipped(), lines.number());
                }
            }
            return total;
        } catch (CharLines.TooLong e) {
            throw new JspyException(ExitCode.INPUT, shown(name) + ": " + e.getMessage(),
                    "expected folded stacks, one per line: 'frame;frame;frame COUNT'");
        } catch (NoSuchFileException e) {
            throw new JspyException(ExitCode.INPUT, "no such file: " + shown(name), "pass a folded-stack file");
        } catch (IOException e) {
            throw new JspyException(ExitCode.INPUT, "cannot read " + shown(name) + ": " + e.getMessage(),
                    "pass a readable folded-stack file", e);
        }
    }

    /** Two counts of Long.MAX_VALUE once printed "Samples: -2": the total must fit a long. */
    private static long add(long total, long count, String name, long lineNumber) {
        try {
            return Math.addExact(total, count);
        } catch (ArithmeticException overflow) {
            throw new JspyException(ExitCode.INPUT, "the counts in " + shown(name) + " add up to more than "
                    + Long.MAX_VALUE + " at line " + lineNumber, "counts are numbers of samples; is the file corrupt?");
        }
    }

    static JspyException noStacks(String name, SkippedLines skipped) {
        return new JspyException(ExitCode.INPUT, "no stacks in " + shown(name)
                + (skipped.total() == 0 ? "" : " (lines skipped: " + skipped.reasons() + ")"),
                "expected folded stacks, one per line: 'frame;frame;frame COUNT'");
    }

    /** An input's name as messages show it. */
    static String shown(String name) {
        return name.equals("-") ? "standard input" : Printable.of(name);
    }

    /**
     * The samples of a folded text, read exactly as a file is (the one folded-stack parser, issue 9):
     * for tests and benchmarks, which build profiles from literal stacks.
     */
    public static List<Sample> parse(String text, Set<String> jdbcClasses) {
        return readAny("-", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), jdbcClasses).samples();
    }

    /** The samples of a folded text, for this package's tests. */
    static List<Sample> parse(String text) {
        return parse(text, Set.of());
    }
}
