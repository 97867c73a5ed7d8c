package jspy.cli;

import jspy.cli.base.JspyException;
import jspy.cli.base.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;
import jspy.cli.profile.Profile;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Target and sampling options shared by the commands that sample. */
public final class SamplingOptions {
    @Option(names = {"-p", "--pid"}, paramLabel = "PID", description = "The JVM to profile.")
    Long pid;

    static final int DEFAULT_RATE = 100;
    static final int DEFAULT_SAMPLE_LIMIT = 22_000;
    static final double MIN_RATE = 0.1;

    @Option(names = {"-r", "--rate"}, paramLabel = "HZ",
            description = "Samples per second per thread (default: 100, lowered on JVMs with many threads, "
                    + "see --sample-limit; a rate given here is kept).")
    Integer rate;

    @Option(names = "--idle", description = "Also show idle threads (sleeping, parked, waiting).")
    boolean idle;

    @Option(names = "--sample-limit", paramLabel = "N",
            description = "At most N samples per second in all, when attaching: a JVM with more than N / rate "
                    + "threads has each sampled less often (jspy prints the rate it uses). The sampler checks every "
                    + "thread at every tick, so this bounds the cost on JVMs with many threads. 0 means no limit "
                    + "(default: 22000, or none when --rate is given).")
    Integer sampleLimit;

    @Mixin
    NativeTrimOption nativeTrim;

    @Mixin
    LinesOption lines;

    /** --lines: Java frames named with their line number. */
    boolean lines() {
        return lines.on();
    }

    int rate() {
        return rate != null ? rate : DEFAULT_RATE;
    }

    /** An explicit --rate is taken as asked (e.g. 1 kHz for a short look) unless a limit is given too. */
    int sampleLimit() {
        return sampleLimit != null ? sampleLimit : rate != null ? 0 : DEFAULT_SAMPLE_LIMIT;
    }

    long intervalNanos() {
        return intervalNanos(checkedRate());
    }

    public static long intervalNanos(double rate) {
        return Math.round(1e9 / rate);
    }

    /**
     * The per-thread rate for an attached JVM: --rate, lowered so that all its threads together
     * stay within --sample-limit. async-profiler batches the samples of a thread that used no CPU
     * since its last one (no signal), so an idle thread costs a CPU-time read per tick rather than
     * a signal; what remains grows with threads x rate. Measured with async-profiler 4.5 alone, 2
     * busy threads on 2 cores, batching on: 1,000 idle threads at 20 Hz cost ~0%, at 100 Hz ~10%;
     * 10,000 at 10 Hz ~7% (issue 9). The sampler's timer thread alone took 4.9% of a core with
     * 1,000 idle threads at 24.5 Hz (JDK 17, 2026-12-01): its cost is threads x rate. Hence 22,000
     * a second, just above issue 9's floors: 220 threads keep 100 Hz, a JVM with 1,000 application
     * threads and up to 100 of its own gets 20 Hz or more, 10,000 get 2.2 Hz. (20,000 gave 1,000
     * application threads 19.6 Hz, as the JVM's own ~20 threads count too, bench run of 2026-11-30.)
     */
    double rateFor(long threads) {
        int rate = checkedRate();
        int limit = sampleLimit();
        if (limit < 0) {
            throw new JspyException(ExitCode.USAGE, "sample limit " + limit + " is negative",
                    "pass --sample-limit N samples per second, or 0 for no limit");
        }
        if (limit == 0 || threads * rate <= limit) {
            return rate;
        }
        // Three significant digits, so the rate printed is the rate sampled; at most 10 s between samples.
        return Math.max(MIN_RATE, Double.parseDouble(Profile.hz((double) limit / threads)));
    }

    /** Threads of the process now (Java and native: the wall-clock sampler visits each), 0 if unknown. */
    static long threadsOf(long pid) {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            return tasks.count();
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** The rate to sample a JVM at, and why when the sample limit lowered it ("" when it did not). */
    public record Rate(double hz, String note) {
        /** "87 Hz". */
        public String describe() {
            return Profile.hz(hz) + " Hz";
        }
    }

    /**
     * The rate for JVM pid now. The note is a line of its own after the one that says sampling
     * started, not before it (a refused attach stays one line), nor inside it: at 85 columns it took
     * the start line past 100 (issue 13).
     */
    Rate rateForJvm(long pid) {
        long threads = threadsOf(pid);
        double rate = rateFor(threads);
        return new Rate(rate, rate == rate() ? "" : String.format(Locale.ROOT, "%,d threads: lowered from %d Hz "
                + "to stay within %,d samples/s, see --sample-limit", threads, rate(), sampleLimit()));
    }

    private int checkedRate() {
        if (rate() < 1 || rate() > 10_000) {
            throw new JspyException(ExitCode.USAGE, "rate " + rate() + " Hz is out of range",
                    "use 1 to 10000; 100 is the default, 1000 costs about 5% CPU");
        }
        return rate();
    }

    long requirePid() {
        return TargetPid.of(pid, null);
    }
}
