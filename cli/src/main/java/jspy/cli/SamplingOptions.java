package jspy.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;
import picocli.CommandLine.Option;

/** Target and sampling options shared by the commands that sample. */
public final class SamplingOptions {
    @Option(names = {"-p", "--pid"}, paramLabel = "PID", description = "The JVM to profile.")
    Long pid;

    @Option(names = {"-r", "--rate"}, paramLabel = "HZ", defaultValue = "100",
            description = "Samples per second per thread (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--idle", description = "Also show idle threads (sleeping, parked, waiting).")
    boolean idle;

    @Option(names = "--sample-limit", paramLabel = "N", defaultValue = "10000",
            description = "At most N samples per second in all: a JVM with more than N / rate threads has each "
                    + "sampled less often (jspy says so). Every sample interrupts a thread, so this bounds the cost "
                    + "on JVMs with thousands of threads. 0 means no limit (default: ${DEFAULT-VALUE}).")
    int sampleLimit;

    long intervalNanos() {
        return 1_000_000_000L / checkedRate();
    }

    /**
     * The per-thread rate for an attached JVM: --rate, lowered so that all its threads together
     * stay within --sample-limit. async-profiler caps its wall-clock sampler the same way (at
     * about 70,000 samples/s); at that cap a JVM with 1,000 idle threads lost 19% of its
     * throughput on 2 cores (bench/), while 100 threads at 100 Hz cost about 1%.
     */
    int rateFor(long threads) {
        int rate = checkedRate();
        if (sampleLimit < 0) {
            throw new JspyException(ExitCode.USAGE, "sample limit " + sampleLimit + " is negative",
                    "pass --sample-limit N samples per second, or 0 for no limit");
        }
        if (sampleLimit == 0 || threads * rate <= sampleLimit) {
            return rate;
        }
        return (int) Math.max(1, sampleLimit / threads);
    }

    /** Threads of the process now (Java and native: the wall-clock sampler visits each), 0 if unknown. */
    static long threadsOf(long pid) {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            return tasks.count();
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** The rate to sample JVM pid at, said on err when the sample limit lowers it. */
    int rateFor(long pid, PrintWriter err) {
        long threads = threadsOf(pid);
        int rate = rateFor(threads);
        if (rate != this.rate) {
            err.println(String.format(Locale.ROOT, "JVM %d has %,d threads: sampling each at %d Hz instead of %d, "
                    + "to stay within %,d samples/s (--sample-limit).", pid, threads, rate, this.rate, sampleLimit));
            err.flush();
        }
        return rate;
    }

    private int checkedRate() {
        if (rate < 1 || rate > 10_000) {
            throw new JspyException(ExitCode.USAGE, "rate " + rate + " Hz is out of range",
                    "use 1 to 10000; 100 is the default, 1000 costs about 5% CPU");
        }
        return rate;
    }

    long requirePid() {
        if (pid == null) {
            throw new JspyException(ExitCode.USAGE, "no target given", "pass -p PID (find it with jps or pgrep java)");
        }
        if (pid <= 0) {
            throw new JspyException(ExitCode.USAGE, "invalid PID " + pid, "a PID is a positive number");
        }
        return pid;
    }
}
