package jspy.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Wait targets on real JVMs (JDK 17 and 25): WaitTargetsApp's waits, whose peers and locks are
 * known, read by the CLI from the kernel and, as a non-root user under Yama must, by the agent
 * (-Djspy.waits.source=agent); and third-party clients and pools: Jedis on redis-server, HikariCP
 * and pgjdbc on PostgreSQL, the JDK HttpClient (whose sender waits on a future: peer ?).
 */
class WaitTargetsIT {
    @TempDir
    Path dir;

    static Stream<Arguments> sources() {
        return Jdks.onEachJdk(List.of("kernel", "agent"));
    }

    @ParameterizedTest(name = "JDK {0}, read by the {1}")
    @MethodSource("sources")
    void knownPeersAndLocksAreNamed(int jdk, String source) throws Exception {
        try (TargetApp app = TargetApp.start(jdk, "WaitTargetsApp", dir)) {
            Properties expect = new Properties();
            expect.load(new StringReader(Files.readString(dir.resolve("WaitTargetsApp-" + jdk + ".ready.expect"))));
            Path truth = dir.resolve("WaitTargetsApp-" + jdk + ".ready.truth");
            long[] before = truth(truth);
            Recorded rec = record(app, source.equals("agent") ? List.of("-Djspy.waits.source=agent") : List.of());
            long[] after = truth(truth);
            double truthA = (double) (after[0] - before[0]) / (after[0] - before[0] + after[1] - before[1]);
            assertNamed(rec, "peer-a-reader", "socket", "[peer " + expect.getProperty("a") + "]");
            assertNamed(rec, "peer-b-timed-reader", "socket", "[peer " + expect.getProperty("b") + "]");
            if (expect.getProperty("v6") != null) {
                assertNamed(rec, "peer-v6-reader", "socket", "[peer " + expect.getProperty("v6") + "]");
            }
            assertNamed(rec, "ledger-reader-", "lock", "[Ledger held by ledger-writer-3]");
            assertNamed(rec, "lock-waiter-1", "lock", "[ReentrantLock held by lock-owner]");
            // A then B, 300 ms and 100 ms: about 75% of the socket time on A, as the app measured it
            double onA = rec.targetShare("peer-alternating", "socket", "[peer " + expect.getProperty("a") + "]");
            double onB = rec.targetShare("peer-alternating", "socket", "[peer " + expect.getProperty("b") + "]");
            assertTrue(Math.abs(onA - truthA) <= 0.12 && onA + onB >= 0.9, String.format(Locale.ROOT,
                    "alternating: %.1f%% on A, %.1f%% on B, measured by the app %.1f%% on A: %s", onA * 100, onB * 100,
                    truthA * 100, rec.targets("peer-alternating")));
            assertEquals("", app.printed(), "the target printed something");
        }
    }

    private static long[] truth(Path file) throws Exception {
        String[] f = Files.readString(file).trim().split(" ");
        return new long[] {Long.parseLong(f[0]), Long.parseLong(f[1])};
    }

    static Stream<Arguments> libraries() {
        return Jdks.onEachJdk(List.of("JedisApp", "PostgresApp", "HttpClientApp"));
    }

    @ParameterizedTest(name = "JDK {0}: {1}")
    @MethodSource("libraries")
    void thirdPartyWaitsNameTheirPeerOrPool(int jdk, String appName) throws Exception {
        try (TargetApp app = TargetApp.start(jdk, appName, dir)) {
            Recorded rec = record(app, List.of());
            switch (appName) {
                case "JedisApp" -> {
                    assertOneLoopbackPeer(rec, "jedis-holder-", "socket");
                    assertNamed(rec, "jedis-waiter-", "pool", "[JedisPool]");
                }
                case "PostgresApp" -> {
                    assertOneLoopbackPeer(rec, "pg-holder-", "jdbc");
                    assertNamed(rec, "pg-waiter-", "pool", "[HikariPool]");
                }
                default -> assertNamed(rec, "http-client-", "socket", "[peer ?]"); // a future, not a socket
            }
            assertEquals("", app.printed(), "the target printed something");
        }
    }

    private Recorded record(TargetApp app, List<String> jvmArgs) throws Exception {
        JspyRun jspy = JspyRun.start(jvmArgs, dir, "record", "-p", Long.toString(app.pid()), "-d", "6",
                "-o", "w.collapsed", "-f", "collapsed", "--threads");
        jspy.await(60);
        assertEquals(0, jspy.exitCode(), jspy.stderr());
        return new Recorded(dir.resolve("w.collapsed"));
    }

    private static void assertNamed(Recorded rec, String threads, String bucket, String target) {
        assertTrue(rec.share(threads, bucket) >= 0.9, threads + " is not " + bucket + ": " + rec.buckets(threads));
        double share = rec.targetShare(threads, bucket, target);
        assertTrue(share >= 0.9, String.format(Locale.ROOT, "%s: %.1f%% of %s names %s: %s", threads, share * 100,
                bucket, target, rec.targets(threads)));
    }

    /** The holders' waits all name one peer on loopback: the server the app started, never '?'. */
    private static void assertOneLoopbackPeer(Recorded rec, String threads, String bucket) {
        var named = rec.targets(threads).entrySet().stream()
                .filter(e -> e.getKey().startsWith(bucket + " [peer 127.0.0.1:")).toList();
        assertEquals(1, named.size(), threads + ": " + rec.targets(threads));
        assertNamed(rec, threads, bucket, named.get(0).getKey().substring(bucket.length() + 1));
    }
}
