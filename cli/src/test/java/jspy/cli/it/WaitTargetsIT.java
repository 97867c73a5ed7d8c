package jspy.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
            double truthC = (double) (after[2] - before[2]) / (after[2] - before[2] + after[3] - before[3]);
            assertNamed(rec, "peer-a-reader", "socket", "[peer " + expect.getProperty("a") + "]");
            assertNamed(rec, "peer-b-timed-reader", "socket", "[peer " + expect.getProperty("b") + "]");
            if (expect.getProperty("v6") != null) {
                assertNamed(rec, "peer-v6-reader", "socket", "[peer " + expect.getProperty("v6") + "]");
            }
            assertNamed(rec, "ledger-reader-", "lock", "[Ledger held by ledger-writer-3]");
            assertNamed(rec, "lock-waiter-1", "lock", "[ReentrantLock held by lock-owner]");
            // A then B, 300 ms and 100 ms: about 75% of the socket time on A, as the app measured it.
            // Within 12 pp where the kernel is read (25 looks a second); through the agent (a look
            // a loop, 50-150 ms apart) runs came 14-17 pp off in 2 of 6 at load 1-40: A before B.
            double onA = rec.targetShare("peer-alternating", "socket", "[peer " + expect.getProperty("a") + "]");
            double onB = rec.targetShare("peer-alternating", "socket", "[peer " + expect.getProperty("b") + "]");
            boolean close = source.equals("kernel") ? Math.abs(onA - truthA) <= 0.12 : onA > onB;
            assertTrue(close && onA + onB >= 0.9, String.format(Locale.ROOT,
                    "alternating: %.1f%% on A, %.1f%% on B, measured by the app %.1f%% on A: %s", onA * 100, onB * 100,
                    truthA * 100, rec.targets("peer-alternating")));
            // The case, 20 ms requests to C and D in turn: the waits, not the thread, carry
            // the peer. From the kernel (a look every 20 ms or so): within the 10 pp, 1.4-3.3
            // pp off in 4 runs (JDK 17 and 25, load 1). Through the agent (a look every 50-150 ms,
            // 6.5 pp of sampling error alone in 6 s) 1.6 and 11.8 pp off in 2: 30% each at least.
            double onC = rec.targetShare("peer-quick-alternating", "socket", "[peer " + expect.getProperty("c") + "]");
            double onD = rec.targetShare("peer-quick-alternating", "socket", "[peer " + expect.getProperty("d") + "]");
            boolean half = source.equals("kernel") ? Math.abs(onC - truthC) <= 0.10 : onC >= 0.3 && onD >= 0.3;
            assertTrue(half && onC + onD >= 0.9, String.format(Locale.ROOT,
                    "20 ms alternating: %.1f%% on C, %.1f%% on D, measured by the app %.1f%% on C: %s", onC * 100,
                    onD * 100, truthC * 100, rec.targets("peer-quick-alternating")));
            assertEquals("", app.printed(), "the target printed something");
            if (source.equals("kernel")) {
                otherViewsNameTheTargets(expect.getProperty("a"));
            }
        }
    }

    /**
     * One JVM waiting on everything at once (MixedWaitsApp): each group's waits name its own
     * target, within 5 pp of all its waits, and the owners are the right threads.
     */
    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void aServiceWaitingOnEverythingAtOnce(int jdk) throws Exception {
        try (TargetApp app = TargetApp.start(jdk, "MixedWaitsApp", dir)) {
            Properties expect = new Properties();
            expect.load(new StringReader(Files.readString(dir.resolve("MixedWaitsApp-" + jdk + ".ready.expect"))));
            Recorded rec = record(app, List.of());
            assertNamed(rec, "pg-query-", "jdbc", "[peer " + expect.getProperty("pg") + "]", 0.95);
            assertNamed(rec, "redis-pop-1", "socket", "[peer " + expect.getProperty("redis") + "]", 0.95);
            assertNamed(rec, "http-url-1", "socket", "[peer " + expect.getProperty("http") + "]", 0.95);
            assertNamed(rec, "okhttp-1", "socket", "[peer " + expect.getProperty("http") + "]", 0.95);
            assertNamed(rec, "unix-server-1", "socket", "[peer " + expect.getProperty("unix") + "]", 0.95);
            // a client's end of a unix socket carries no path in /proc/net/unix: unknown, never wrong
            double client = rec.targetShare("unix-client-1", "socket", "[peer ?]")
                    + rec.targetShare("unix-client-1", "socket", "[peer " + expect.getProperty("unix") + "]");
            assertTrue(client >= 0.95, rec.targets("unix-client-1").toString());
            assertNamed(rec, "ledger-waiter-1", "lock", "[Ledger held by ledger-owner]", 0.95);
            assertNamed(rec, "rlock-waiter-1", "lock", "[ReentrantLock held by rlock-owner]", 0.95);
            assertEquals("", app.printed(), "the target printed something");
        }
    }

    /** The same recording's pprof labels and JSON waits list. */
    private void otherViewsNameTheTargets(String peerA) throws Exception {
        String tags = GoPprof.run(dir, "-tags", "w.pb.gz");
        assertTrue(tags.contains("peer:") && tags.contains(peerA) && tags.contains("lock:")
                && tags.contains("Ledger held by ledger-writer-3"), tags);
        String focused = GoPprof.run(dir, "-top", "-tagfocus", "peer=" + peerA, "w.pb.gz");
        assertTrue(focused.contains("read"), focused); // a socket read, not the lock waits
        JsonNode waits = new ObjectMapper().readTree(dir.resolve("w.json").toFile()).get("waits");
        boolean listed = false;
        for (JsonNode w : waits) {
            listed |= w.get("bucket").asText().equals("lock") && w.get("target").asText().equals("Ledger held by ledger-writer-3")
                    && w.get("samples").asLong() > 0 && w.get("percent").asDouble() > 0;
        }
        assertTrue(listed, waits.toString());
    }

    /** serve's jspy_wait_seconds_total names the targets, at most WaitSeconds.LIMIT per JVM plus other. */
    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void serveCountsWaitSecondsPerTarget(int jdk) throws Exception {
        try (TargetApp app = TargetApp.start(jdk, "WaitTargetsApp", dir);
             ServeProcess serve = ServeProcess.start(dir, "-p", Long.toString(app.pid()))) {
            String series = "jspy_wait_seconds_total{app=\"WaitTargetsApp\",pid=\"" + app.pid()
                    + "\",bucket=\"lock\",target=\"Ledger held by ledger-writer-3\"}";
            serve.await(series, () -> metrics(serve).contains(series), 60);
            String text = metrics(serve);
            assertTrue(text.contains("# TYPE jspy_wait_seconds counter") && text.contains(",bucket=\"socket\",target=\"127.0.0.1:"),
                    text);
            assertEquals(0, serve.terminate(), serve.run.stderr());
            assertEquals("", app.printed(), "the target printed something");
        }
    }

    /** -Djspy.waits=off (the bench's "without targets" side) names nothing, and the summary says why. */
    @org.junit.jupiter.api.Test
    void turnedOffTheSummarySaysSo() throws Exception {
        try (TargetApp app = TargetApp.start(17, "WaitTargetsApp", dir)) {
            JspyRun jspy = JspyRun.start(List.of("-Djspy.waits=off"), dir, "record", "-p", Long.toString(app.pid()),
                    "-d", "2", "-o", "w.collapsed");
            jspy.await(60);
            assertEquals(0, jspy.exitCode(), jspy.stderr());
            assertTrue(jspy.stderr().contains("jspy: wait targets off (-Djspy.waits=off): no peer or lock is named."),
                    jspy.stderr());
            String collapsed = Files.readString(dir.resolve("w.collapsed"));
            assertTrue(collapsed.contains("[socket];") && !collapsed.contains("[peer "), collapsed);
        }
    }

    /** serve on the required JDKs (Jdk11IT runs WaitTargetsApp on JDK 11). */
    static Stream<Integer> jdks() {
        return Jdks.required().stream();
    }

    private static String metrics(ServeProcess serve) {
        try {
            return serve.get("/metrics").body();
        } catch (Exception e) {
            return "";
        }
    }

    private static long[] truth(Path file) throws Exception {
        // The app's truth-writer starts with the ready signal: at load 40 its first file came later.
        for (int i = 0; i < 100 && !Files.exists(file); i++) {
            Thread.sleep(100);
        }
        String[] f = Files.readString(file).trim().split(" ");
        long[] out = new long[f.length];
        for (int i = 0; i < f.length; i++) {
            out[i] = Long.parseLong(f[i]);
        }
        return out;
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
                "-o", "w", "-f", "collapsed,pprof,json", "--threads");
        jspy.await(60);
        assertEquals(0, jspy.exitCode(), jspy.stderr());
        return new Recorded(dir.resolve("w.collapsed"));
    }

    private static void assertNamed(Recorded rec, String threads, String bucket, String target) {
        assertNamed(rec, threads, bucket, target, 0.9);
    }

    /** threads are in bucket (90%) and at least least of their samples there name target. */
    static void assertNamed(Recorded rec, String threads, String bucket, String target, double least) {
        assertTrue(rec.share(threads, bucket) >= 0.9, threads + " is not " + bucket + ": " + rec.buckets(threads));
        double share = rec.targetShare(threads, bucket, target);
        assertTrue(share >= least, String.format(Locale.ROOT, "%s: %.1f%% of %s names %s: %s", threads, share * 100,
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
