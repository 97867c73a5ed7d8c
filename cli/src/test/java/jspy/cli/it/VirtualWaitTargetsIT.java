package jspy.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Peers of unmounted virtual threads (JDK 25, VirtualPostgresApp): six virtual threads in pgjdbc
 * queries on PostgreSQL, parked on sockets the JDK's pollers hold, and three calling a slow HTTP
 * server through the JDK HttpClient, whose selector thread holds the HTTP sockets: they wait on a
 * future ({@code peer ?}), and the selector's peer must never be lent to a virtual thread. With
 * Redis beside PostgreSQL, the two peers' shares follow the pollers' registrations.
 */
class VirtualWaitTargetsIT {
    @TempDir
    Path dir;

    /**
     * agent: as a non-root user under Yama (no syscall files); the pollers' fdinfo needs only read
     * rights. system-threads: JDK 25 with -Djdk.pollerMode=1, the platform Read-Poller and
     * Write-Poller threads that JDK 21 uses, where JDK 25's default nests virtual sub-pollers.
     */
    @ParameterizedTest(name = "JDK 25, {0}")
    @ValueSource(strings = {"kernel", "agent", "system-threads"})
    void virtualThreadsOnPostgresNameItsPeer(String source) throws Exception {
        String[] target = source.equals("system-threads") ? new String[] {"-Djdk.pollerMode=1"} : new String[0];
        try (TargetApp app = TargetApp.start(25, "VirtualPostgresApp", dir, target)) {
            Properties expect = expect("VirtualPostgresApp-25");
            Recorded rec = record(app, source.equals("agent") ? List.of("-Djspy.waits.source=agent") : List.of());
            String pg = "[peer " + expect.getProperty("pg") + "]";
            assertTrue(rec.share("vt-pg-", "jdbc") >= 0.9, "vt-pg- is not jdbc: " + rec.buckets("vt-pg-"));
            double named = rec.targetShare("vt-pg-", "jdbc", pg);
            report("VirtualPostgresApp " + source, "vt-pg-", "jdbc " + pg, named, rec.targets("vt-pg-").toString());
            assertTrue(named >= 0.9, String.format(Locale.ROOT, "vt-pg-: %.1f%% of jdbc names %s: %s", named * 100, pg,
                    rec.targets("vt-pg-")));
            double unknown = rec.targetShare("vt-http-", "socket", "[peer ?]");
            assertTrue(unknown >= 0.9, "vt-http- waits on a future: " + rec.targets("vt-http-"));
            assertNoVirtualThreadNames(expect.getProperty("http"));
            assertEquals("", app.printed(), "the target printed something");
        }
    }

    /**
     * Six virtual threads on PostgreSQL and three on Redis at once: the pollers hold six and three
     * sockets, so 2/3 and 1/3 of the parked waits, within 10 pp each. Which thread waited on which
     * is not known (VirtualPeers): each group shows the same mix, so only the sum is asserted.
     */
    @Test
    void twoPeersShareTheVirtualThreadsInProportion() throws Exception {
        try (TargetApp app = TargetApp.start(25, "VirtualPostgresApp", dir, "-Djspy.vt.redis=3")) {
            Properties expect = expect("VirtualPostgresApp-25");
            Recorded rec = record(app, List.of());
            String pg = "[peer " + expect.getProperty("pg") + "]";
            String redis = "[peer " + expect.getProperty("redis") + "]";
            long total = rec.buckets("vt-pg-").getOrDefault("jdbc", 0L) + rec.buckets("vt-redis-").getOrDefault("socket", 0L);
            long onPg = count(rec, "jdbc " + pg, "socket " + pg);
            long onRedis = count(rec, "jdbc " + redis, "socket " + redis);
            double pgShare = (double) onPg / total;
            double redisShare = (double) onRedis / total;
            String detail = "vt-pg- " + rec.targets("vt-pg-") + ", vt-redis- " + rec.targets("vt-redis-");
            report("VirtualPostgresApp mixed", "vt-pg-+vt-redis-", pg, pgShare, detail);
            report("VirtualPostgresApp mixed", "vt-pg-+vt-redis-", redis, redisShare, detail);
            assertTrue(Math.abs(pgShare - 6.0 / 9) <= 0.10 && Math.abs(redisShare - 3.0 / 9) <= 0.10,
                    String.format(Locale.ROOT, "%.1f%% on PostgreSQL (6 of 9 threads), %.1f%% on Redis (3 of 9): %s",
                            pgShare * 100, redisShare * 100, detail));
            assertNoVirtualThreadNames(expect.getProperty("http"));
            assertEquals("", app.printed(), "the target printed something");
        }
    }

    private static long count(Recorded rec, String... targets) {
        long n = 0;
        for (String group : new String[] {"vt-pg-", "vt-redis-"}) {
            Map<String, Long> byTarget = rec.targets(group);
            for (String t : targets) {
                n += byTarget.getOrDefault(t, 0L);
            }
        }
        return n;
    }

    /** The HTTP server's peer is only in the HttpClient selector's epoll: no virtual thread may name it. */
    private void assertNoVirtualThreadNames(String httpPeer) throws Exception {
        for (String line : Files.readAllLines(dir.resolve("w"), StandardCharsets.UTF_8)) {
            assertTrue(!line.contains(" virtual];") || !line.contains("[peer " + httpPeer + "]"),
                    "a selector's socket lent its peer to a virtual thread: " + line);
        }
    }

    private Properties expect(String app) throws Exception {
        Properties expect = new Properties();
        expect.load(new StringReader(Files.readString(dir.resolve(app + ".ready.expect"))));
        return expect;
    }

    private Recorded record(TargetApp app, List<String> jvmArgs) throws Exception {
        JspyRun jspy = JspyRun.start(jvmArgs, dir, "record", "-p", Long.toString(app.pid()), "-d", "6",
                "-o", "w", "-f", "collapsed", "--threads");
        jspy.await(60);
        assertEquals(0, jspy.exitCode(), jspy.stderr());
        return new Recorded(dir.resolve("w"));
    }

    /** Shares go to target/it-shares.txt, beside WaitsIT's, for the release note. */
    private static void report(String app, String threads, String target, double share, String detail) throws Exception {
        String line = String.format(Locale.ROOT, "JDK 25 %-26s %-17s %-30s %5.1f%% %s%n", app, threads, target,
                share * 100, detail);
        Files.writeString(Path.of("target", "it-shares.txt"), line, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
