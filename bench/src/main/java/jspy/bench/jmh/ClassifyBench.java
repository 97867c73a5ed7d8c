package jspy.bench.jmh;

import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import jspy.cli.profile.Bucket;
import jspy.cli.profile.BucketRules;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** BucketRules.classify on one real stack per shape: it runs once per distinct stack per snapshot. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ClassifyBench {
    @Param({"cpu", "socket", "queue-idle", "gc-thread"})
    public String stack;

    private List<String> frames;

    @Setup
    public void setUp() {
        frames = switch (stack) {
            case "cpu" -> Stacks.CPU;
            case "socket" -> Stacks.SOCKET;
            case "queue-idle" -> Stacks.QUEUE_IDLE;
            default -> Stacks.GC_THREAD;
        };
    }

    @Benchmark
    public Bucket classify() {
        return BucketRules.classify(frames, Set.of());
    }
}
