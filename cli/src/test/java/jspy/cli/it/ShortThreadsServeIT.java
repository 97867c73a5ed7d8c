package jspy.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import jspy.agent.Protocol;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * serve's {@code jspy_wall_seconds_total} on ShortThreadsApp (a 200 ms thread every 50 ms beside
 * steady ones): over two whole windows it grows by the time the threads lived in them, the steady
 * threads' count (from /proc, which async-profiler's wall clock lists too) times the windows' length
 * plus what the short threads wrote down of their lives. Counting each short thread seen for its
 * whole 5 s window made it some 2.5 times that.
 */
class ShortThreadsServeIT {
    private static final double WINDOW_SECONDS = 5.0; // Profiled.WINDOW_MILLIS

    @TempDir
    Path dir;

    static List<Integer> jdks() {
        return Jdks.REQUIRED;
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void wallSecondsAreTheThreadsLives(int jdk) throws Exception {
        Path lives = dir.resolve("lives.txt");
        double[] edges = new double[3]; // epoch seconds at which a window's counters appeared
        double[] totals = new double[3];
        List<Integer> steady = new ArrayList<>();
        try (TargetApp app = TargetApp.start(jdk, "ShortThreadsApp", dir, "-Djspy.lifetimes=" + lives);
             ServeProcess serve = ServeProcess.start(dir, "-p", Long.toString(app.pid()))) {
            serve.await("attach", () -> serve.stderrHas("sampling JVM " + app.pid()), 60);
            double last = wallTotal(serve);
            for (int i = 0; i < 3; i++) {
                long deadline = System.currentTimeMillis() + 30_000;
                double now;
                while ((now = wallTotal(serve)) == last) {
                    assertTrue(System.currentTimeMillis() < deadline, "no window in 30 s: " + serve.run.stderr());
                    if (i > 0) { // in the two windows measured
                        steady.add(steadyThreads(app.pid()));
                    }
                    Thread.sleep(100);
                }
                edges[i] = System.currentTimeMillis() / 1000.0;
                totals[i] = now;
                last = now;
            }
            Thread.sleep(400); // the short threads alive at the end finish and write their lives down
            assertEquals(0, serve.terminate(), serve.run.stderr());
            assertEquals("", app.printed(), "the target printed something");
        }
        // windows 2 and 3: the 10 s before window 3's counters appeared. Not the polled edges: at load
        // 35 the counters of a window appeared up to 4 s late (two windows 5.84 s apart, JDK 25), while
        // the windows themselves kept the agent's 5 s (JDK 17: 284 s grown, 25.1 threads + 34 s short)
        double to = edges[2];
        double from = to - 2 * WINDOW_SECONDS;
        double shortSeconds = 0;
        for (String line : Files.readAllLines(lives, StandardCharsets.US_ASCII)) {
            String[] f = line.split(" ");
            double start = Long.parseLong(f[1]) / 1e9;
            double end = Long.parseLong(f[2]) / 1e9;
            shortSeconds += Math.max(0, Math.min(end, to) - Math.max(start, from));
        }
        // an average: HotSpot starts and stops compiler and GC threads as it needs them (JDK 17: 25 to 26)
        double steadyCount = steady.stream().mapToInt(Integer::intValue).average().orElseThrow();
        double truth = steadyCount * (to - from) + shortSeconds;
        double said = totals[2] - totals[0];
        String summary = String.format(Locale.ROOT, "JDK %d: jspy_wall_seconds_total grew %.2f s in two windows "
                + "of %.2f s; truth %.2f steady threads (seen %s) + %.2f s of short lives = %.2f s", jdk, said,
                to - from, steadyCount, steady.stream().distinct().toList(), shortSeconds, truth);
        Files.writeString(Path.of("target", "it-rates.txt"), summary + "\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        // 25%: the short threads' share is cut at edges seen late; counting each short thread for its
        // whole window said 857 s for 296 (JDK 17) and 630 for 284 (JDK 25)
        assertEquals(truth, said, 0.25 * truth, summary);
    }

    /** The sum over buckets of this JVM's jspy_wall_seconds_total. */
    private static double wallTotal(ServeProcess serve) throws Exception {
        double sum = 0;
        for (String line : serve.get("/metrics").body().split("\n")) {
            if (line.startsWith("jspy_wall_seconds_total{")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    /** The target's threads that are neither short ones nor the profiler's, as the kernel lists them. */
    private static int steadyThreads(long pid) throws Exception {
        int n = 0;
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String comm = Files.readString(task.resolve("comm"), StandardCharsets.UTF_8);
                    // jspy drops its agent's and async-profiler's own threads (JfrChunks.OURS)
                    if (!comm.startsWith("short-") && !comm.startsWith(Protocol.THREAD_PREFIX)
                            && !comm.startsWith("Async-profiler")) {
                        n++;
                    }
                } catch (java.io.IOException ended) {
                    // a short thread that ended while listed
                }
            }
        }
        return n;
    }
}
