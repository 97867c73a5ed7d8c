package jspy.cli.diff;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jspy.cli.base.ExitCode;
import jspy.cli.base.JspyException;
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

    /** "-" reads standard input. Streams line by line: inputs of 100k stacks are 100+ MB. */
    public static List<Sample> read(String name, InputStream stdin) {
        List<Sample> samples = read(name, stdin, FoldedFile::parse);
        if (samples.isEmpty()) {
            throw noStacks(name);
        }
        return samples;
    }

    /** What {@code body} makes of the lines of {@code name} ("-": standard input); read errors are the user's. */
    static <T> T read(String name, InputStream stdin, Lines<T> body) {
        try (BufferedReader in = name.equals("-")
                ? new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8), 1 << 16)
                : Files.newBufferedReader(Path.of(name), StandardCharsets.UTF_8)) {
            return body.read(in);
        } catch (NoSuchFileException e) {
            throw new JspyException(ExitCode.INPUT, "no such file: " + name, "pass a folded-stack file");
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new JspyException(ExitCode.INPUT, "cannot read " + name + ": " + e.getMessage(),
                    "pass a readable UTF-8 folded-stack file", e);
        }
    }

    /** Reads a whole input. */
    interface Lines<T> {
        T read(BufferedReader in) throws IOException;
    }

    static JspyException noStacks(String name) {
        return new JspyException(ExitCode.INPUT, "no stacks in " + name,
                "expected folded stacks, one per line: 'frame;frame;frame COUNT'");
    }

    static List<Sample> parse(String text) {
        try {
            return parse(new BufferedReader(new StringReader(text)));
        } catch (IOException impossible) {
            throw new java.io.UncheckedIOException(impossible);
        }
    }

    private static List<Sample> parse(BufferedReader in) throws IOException {
        Collapsed unlabelled = new Collapsed();
        Map<Bucket, Collapsed> labelled = new EnumMap<>(Bucket.class);
        for (String line; (line = in.readLine()) != null; ) {
            Bucket bucket = bucketOf(line);
            if (bucket == null) {
                unlabelled.addLine(line);
            } else {
                labelled.computeIfAbsent(bucket, b -> new Collapsed()).addLine(line.substring(line.indexOf("];") + 2));
            }
        }
        List<Sample> samples = new ArrayList<>();
        labelled.forEach((bucket, stacks) -> samples.addAll(stacks.samples(Set.of(), bucket)));
        samples.addAll(unlabelled.samples(Set.of(), null));
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
