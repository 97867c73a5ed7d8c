package jspy.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each test-apps scenario on JDK 17 and 25: attach, record a few seconds, and check that the
 * scenario's threads land in their bucket with at least 90% of their samples, that the SVG is
 * well-formed, and that the target printed nothing.
 */
class ScenarioIT {
    static final Pattern SUMMARY = Pattern.compile("Wrote flame graph to '.*\\.svg' and collapsed stacks to "
            + "'.*\\.collapsed'\\. Samples: \\d+ at \\d+(\\.\\d+)? Hz per thread\\."
            + "( [a-z]+ \\d+\\.\\d%( · [a-z]+ \\d+\\.\\d%)*)?");

    @TempDir
    Path dir;

    record Scenario(String app, Map<String, String> threadBuckets) {
        @Override
        public String toString() {
            return app;
        }
    }

    static Stream<Arguments> cases() {
        List<Scenario> scenarios = List.of(
                new Scenario("CpuApp", Map.of("cpu-worker", "cpu")),
                new Scenario("SocketApp", Map.of("socket-reader", "socket", "socket-acceptor", "idle")),
                new Scenario("PollApp", Map.of("poll-selector", "poll")),
                new Scenario("JdbcApp", Map.of("jdbc-client-", "jdbc")),
                new Scenario("LockApp", Map.of("lock-monitor-waiter", "lock", "lock-reentrant-waiter", "lock")),
                new Scenario("FileIoApp", Map.of("io-worker", "io")));
        return Jdks.onEachJdk(scenarios);
    }

    @ParameterizedTest(name = "JDK {0}: {1}")
    @MethodSource("cases")
    void threadsLandInTheirBucket(int jdk, Scenario scenario) throws Exception {
        try (TargetApp app = TargetApp.start(jdk, scenario.app(), dir)) {
            JspyRun jspy = JspyRun.run(dir, 60, "record", "-p", Long.toString(app.pid()), "-d", "3", "-o", "p.svg",
                    "-f", "svg,collapsed", "--threads", "--idle");
            assertEquals(0, jspy.exitCode(), jspy.stderr());
            String summary = jspy.stderr().lines().filter(l -> l.startsWith("Wrote flame graph")).findFirst().orElse("");
            assertTrue(SUMMARY.matcher(summary).matches(), "summary line: " + jspy.stderr());
            Recorded rec = new Recorded(dir.resolve("p.collapsed"));
            for (Map.Entry<String, String> e : scenario.threadBuckets().entrySet()) {
                long total = rec.total(e.getKey());
                double share = rec.share(e.getKey(), e.getValue());
                report(jdk, scenario.app(), e.getKey(), e.getValue(), share, rec.buckets(e.getKey()));
                assertTrue(total >= 150, e.getKey() + " has only " + total + " samples in 3 s at 100 Hz");
                assertTrue(share >= 0.90, e.getKey() + " is " + e.getValue() + " for only "
                        + String.format(Locale.ROOT, "%.1f%%", share * 100) + ": " + rec.buckets(e.getKey()));
            }
            assertTrue(!rec.hasThread("jspy-agent"), "the agent's own thread must not be sampled");
            Recorded.assertWellFormedXml(dir.resolve("p.svg"));
            assertEquals("", app.printed(), "the target printed something");
        }
    }

    /** Shares go to target/it-shares.txt for the release note. */
    private static synchronized void report(int jdk, String app, String thread, String bucket, double share,
                                            Map<String, Long> buckets) throws Exception {
        String line = String.format(Locale.ROOT, "JDK %d %-10s %-22s %-6s %5.1f%% %s%n", jdk, app, thread, bucket,
                share * 100, buckets);
        Files.writeString(Path.of("target", "it-shares.txt"), line, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
