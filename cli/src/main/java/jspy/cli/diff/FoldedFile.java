package jspy.cli.diff;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import jspy.cli.ExitCode;
import jspy.cli.JspyException;
import jspy.cli.profile.Bucket;
import jspy.cli.profile.Collapsed;
import jspy.cli.profile.Sample;

/**
 * Reads a folded-stack file ({@code a;b;c 42}, root first) as written by jspy's {@code -f collapsed},
 * async-profiler's collapsed output, or stackcollapse-perf.pl. A line that starts with a bucket in
 * brackets ({@code [socket];...}, jspy's own output) keeps that bucket; every other line is
 * normalized and classified by BucketRules, as if jspy had sampled it.
 */
public final class FoldedFile {
    private FoldedFile() {
    }

    /** "-" reads standard input. */
    public static List<Sample> read(String name, InputStream stdin) {
        String text;
        try {
            text = name.equals("-") ? new String(stdin.readAllBytes(), StandardCharsets.UTF_8)
                    : Files.readString(Path.of(name), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new JspyException(ExitCode.INPUT, "no such file: " + name, "pass a folded-stack file");
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new JspyException(ExitCode.INPUT, "cannot read " + name + ": " + e.getMessage(),
                    "pass a readable UTF-8 folded-stack file", e);
        }
        List<Sample> samples = parse(text);
        if (samples.isEmpty()) {
            throw new JspyException(ExitCode.INPUT, "no stacks in " + name,
                    "expected folded stacks, one per line: 'frame;frame;frame COUNT'");
        }
        return samples;
    }

    static List<Sample> parse(String text) {
        List<Sample> samples = new ArrayList<>();
        StringBuilder unlabelled = new StringBuilder();
        for (String line : text.split("\r?\n")) {
            Bucket bucket = bucketOf(line);
            if (bucket == null) {
                unlabelled.append(line).append('\n');
            } else {
                int close = line.indexOf("];");
                for (Sample s : Collapsed.parse(line.substring(close + 2), Set.of())) {
                    samples.add(new Sample(s.frames(), bucket, s.count()));
                }
            }
        }
        samples.addAll(Collapsed.parse(unlabelled.toString(), Set.of()));
        samples.removeIf(s -> s.count() <= 0 || s.frames().isEmpty() || s.frames().equals(Arrays.asList("")));
        return samples;
    }

    /** The bucket of a jspy line "[socket];...", or null. */
    static Bucket bucketOf(String line) {
        if (!line.startsWith("[")) {
            return null;
        }
        int close = line.indexOf("];");
        if (close < 0) {
            return null;
        }
        String label = line.substring(1, close);
        for (Bucket b : Bucket.values()) {
            if (b.label().equals(label)) {
                return b;
            }
        }
        return null;
    }
}
