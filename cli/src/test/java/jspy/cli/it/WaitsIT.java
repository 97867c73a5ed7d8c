package jspy.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Waits on real clients and pools (issue 10), on JDK 17 and 25: the JDK HttpClient, OkHttp 4, a
 * gRPC blocking stub and HttpClient 5 with a pool of one connection against slow local servers;
 * Lettuce, and Jedis with a pool of one connection, against a redis-server the app starts on
 * loopback; an exhausted HikariCP pool in front of H2 over TCP and one in front of a PostgreSQL
 * server (Debian's, started by the app) with the pgjdbc driver; Jetty 12's server and blocking
 * client; and CompletableFuture.join on CPU work. Threads that wait for work where a socket or a
 * driver would say otherwise (issue 23): servers blocked in accept (ServerSocket, with a timeout,
 * ServerSocketChannel, Tomcat 10.1's and Jetty's acceptors) and the housekeeping threads of MySQL
 * Connector/J and of pgjdbc 42.7.5 beside their callers' JDBC calls. Each scenario's threads (selected by their -t
 * thread frames) must put at least 90% of their samples in their bucket, and the target must
 * print nothing.
 */
class WaitsIT {
    @TempDir
    Path dir;

    /** frameBuckets: every sample whose stack holds the frame (a suffix of it) is in that bucket. */
    record Scenario(String app, Map<String, String> threadBuckets, Map<String, String> frameBuckets) {
        Scenario(String app, Map<String, String> threadBuckets) {
            this(app, threadBuckets, Map.of());
        }

        @Override
        public String toString() {
            return app;
        }
    }

    static Stream<Arguments> cases() {
        List<Scenario> scenarios = List.of(
                new Scenario("HttpClientApp", Map.of("http-client-", "socket")),
                new Scenario("HttpClient5App", pool("hc5", "socket")),
                new Scenario("OkHttpApp", Map.of("okhttp-client-", "socket")),
                // the shaded Netty event loops too: they wait in epoll_pwait2 under relocated classes
                new Scenario("GrpcApp", Map.of("grpc-client-", "socket", "grpc-default-boss-ELG", "poll")),
                new Scenario("LettuceApp", Map.of("redis-client-", "socket")),
                new Scenario("JedisApp", pool("jedis", "socket")),
                new Scenario("HikariApp", pool("hikari", "jdbc")),
                new Scenario("PostgresApp", pool("pg", "jdbc")),
                // Jetty's blocking client; the server's reserved threads wait for work on a Semaphore,
                // its acceptor in accept
                new Scenario("JettyApp", Map.of("jetty-get-", "socket"),
                        Map.of("ReservedThreadExecutor$ReservedThread.waitForTask", "idle",
                                "AbstractConnector$Acceptor.run", "idle")),
                new Scenario("AwaitApp", Map.of("await-joiner-", "await")),
                // waiting for work in accept (issue 23): plain, timed, a channel; a timed read stays socket
                new Scenario("AcceptApp", Map.of("accept-", "idle", "read-timed", "socket")),
                new Scenario("TomcatApp", Map.of("http-nio-127.0.0.1-auto-1-Acceptor", "idle",
                        "http-nio-127.0.0.1-auto-1-Poller", "poll")),
                // a driver's own threads wait for work; calls into it are jdbc
                new Scenario("MySqlApp", Map.of("mysql-cj-abandoned-connection-cleanup", "idle",
                        "mysql-connect-", "jdbc", "mysql-silent-server", "idle")),
                new Scenario("PgCleanerApp", Map.of("PostgreSQL-JDBC-Cleaner", "idle", "pg-query-", "jdbc")));
        return Jdks.onEachJdk(scenarios);
    }

    /**
     * A pool with too few connections: the threads NAME-waiter-N wait to borrow (pool), and
     * NAME-holder-N keep the connections, in their call's bucket.
     */
    private static Map<String, String> pool(String name, String holderBucket) {
        Map<String, String> threads = new LinkedHashMap<>();
        threads.put(name + "-waiter-", "pool");
        threads.put(name + "-holder-", holderBucket);
        return threads;
    }

    @ParameterizedTest(name = "JDK {0}: {1}")
    @MethodSource("cases")
    void scenarioThreadsWaitInTheirBucket(int jdk, Scenario scenario) throws Exception {
        try (TargetApp app = TargetApp.start(jdk, scenario.app(), dir, jvmArgs(jdk))) {
            JspyRun jspy = JspyRun.run(dir, 60, "record", "-p", Long.toString(app.pid()), "-d", "3",
                    "-o", "p.collapsed", "-f", "collapsed", "--threads", "--idle");
            assertEquals(0, jspy.exitCode(), jspy.stderr());
            Recorded rec = new Recorded(dir.resolve("p.collapsed"));
            for (Map.Entry<String, String> e : scenario.threadBuckets().entrySet()) {
                long total = rec.total(e.getKey());
                double share = rec.share(e.getKey(), e.getValue());
                report(jdk, scenario.app(), e.getKey(), e.getValue(), share, rec.buckets(e.getKey()));
                // a sample every 10 ms at most; the rate drops with the thread count (--sample-limit)
                assertTrue(total >= 100, e.getKey() + " has only " + total + " samples in 3 s");
                assertTrue(share >= 0.90, e.getKey() + " is " + e.getValue() + " for only "
                        + String.format(Locale.ROOT, "%.1f%%", share * 100) + ": " + rec.buckets(e.getKey()));
            }
            for (Map.Entry<String, String> e : scenario.frameBuckets().entrySet()) {
                assertFrameBucket(dir.resolve("p.collapsed"), e.getKey(), e.getValue());
            }
            assertEquals("", app.printed(), "the target printed something");
        }
    }

    private static void assertFrameBucket(Path collapsed, String frame, String bucket) throws Exception {
        long total = 0;
        long in = 0;
        for (String line : Files.readAllLines(collapsed, StandardCharsets.UTF_8)) {
            if (line.contains(frame + ";") || line.contains(frame + " ")) {
                long n = Long.parseLong(line.substring(line.lastIndexOf(' ') + 1));
                total += n;
                in += line.startsWith("[" + bucket + "];") ? n : 0;
            }
        }
        assertTrue(total > 0, "no sample under " + frame);
        assertTrue(in >= 0.9 * total, "under " + frame + " only " + in + " of " + total + " samples are " + bucket);
    }

    /** JDK 24+ warns on stderr when a library (grpc-netty-shaded's epoll) loads native code. */
    private static String[] jvmArgs(int jdk) {
        return jdk >= 24 ? new String[] {"--enable-native-access=ALL-UNNAMED"} : new String[0];
    }

    /** Shares go to target/it-shares.txt, beside ScenarioIT's, for the release note. */
    private static synchronized void report(int jdk, String app, String thread, String bucket, double share,
                                            Map<String, Long> buckets) throws Exception {
        String line = String.format(Locale.ROOT, "JDK %d %-13s %-22s %-6s %5.1f%% %s%n", jdk, app, thread, bucket,
                share * 100, buckets);
        Files.writeString(Path.of("target", "it-shares.txt"), line, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
