package jspy.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import jspy.cli.output.SvgFormat;
import jspy.cli.diff.FoldedFile;
import jspy.cli.profile.Profile;
import jspy.cli.profile.Sample;
import jspy.cli.profile.TargetInfo;

/**
 * The renderer without the CLI around it, until {@code jspy flamegraph} lands: parse a folded file
 * with {@link FoldedFile} and write it with {@link SvgFormat}, exactly as {@code jspy record} does.
 * Prints one line: parse ms, render ms, distinct stacks, peak RSS (kB).
 */
public final class Render {
    private Render() {
    }

    public static void main(String[] args) throws IOException {
        long t0 = System.nanoTime();
        String text = Files.readString(Path.of(args[0]));
        List<Sample> samples = FoldedFile.parse(text, Set.of());
        text = null;
        long t1 = System.nanoTime();
        Profile profile = new Profile(new TargetInfo(0, "bench", ""), samples, 10.0, 100, true, true);
        try (BufferedWriter out = Files.newBufferedWriter(Path.of(args[1]))) {
            new SvgFormat().write(profile, out);
        }
        long t2 = System.nanoTime();
        long hwm = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM:"))
                .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).findFirst().orElse(-1L);
        System.out.println(String.format(Locale.ROOT, "%.1f %.1f %d %d", (t1 - t0) / 1e6, (t2 - t1) / 1e6,
                samples.size(), hwm));
    }
}
