package jspy.bench.jmh;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import jspy.bench.GenFolded;
import jspy.cli.output.SvgFormat;
import jspy.cli.diff.FoldedFile;
import jspy.cli.profile.Profile;
import jspy.cli.profile.TargetInfo;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** SvgFormat.write (tree building and SVG text) of a parsed profile, into a writer that discards. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SvgBench {
    @Param({"1000"})
    public int stacks;

    private Profile profile;

    @Setup
    public void setUp() throws IOException {
        Path f = Files.createTempFile("jspy-bench", ".folded");
        GenFolded.write(f, stacks, 42);
        profile = new Profile(new TargetInfo(1, "bench", "17"), FoldedFile.parse(Files.readString(f), Set.of()), 10,
                100, true, true);
        Files.delete(f);
    }

    @Benchmark
    public long write() throws IOException {
        Counting out = new Counting();
        new SvgFormat().write(profile, out);
        return out.chars;
    }

    /** Counts what it is given, so the benchmark measures rendering, not a disk. */
    static final class Counting extends Writer {
        long chars;

        @Override
        public void write(char[] buf, int off, int len) {
            chars += len;
        }

        @Override
        public void write(String s, int off, int len) {
            chars += len;
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
