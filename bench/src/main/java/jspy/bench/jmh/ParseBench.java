package jspy.bench.jmh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import jspy.bench.GenFolded;
import jspy.cli.diff.FoldedFile;
import jspy.cli.profile.Sample;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** FoldedFile.parse (normalise, merge, classify) of a generated snapshot, as flamegraph and diff read a folded file. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ParseBench {
    @Param({"1000"})
    public int stacks;

    private String text;

    @Setup
    public void setUp() throws IOException {
        Path f = Files.createTempFile("jspy-bench", ".folded");
        GenFolded.write(f, stacks, 42);
        text = Files.readString(f);
        Files.delete(f);
    }

    @Benchmark
    public List<Sample> parse() {
        return FoldedFile.parse(text, Set.of());
    }
}
