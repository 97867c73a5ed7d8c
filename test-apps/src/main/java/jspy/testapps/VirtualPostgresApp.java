package jspy.testapps;

import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Properties;
import redis.clients.jedis.Jedis;

/**
 * Virtual threads waiting on PostgreSQL (JDK 21+): {@code vt-pg-N} (6) run {@code SELECT
 * pg_sleep(0.5)} in a loop through pgjdbc, each on its own connection, so each is parked on a
 * socket registered with the JDK's poller most of the time. Beside them, {@code vt-http-N} (3) call
 * a slow local HTTP server through the JDK {@link HttpClient}: they wait on a future while the
 * client's selector thread holds the sockets, and a selector's sockets must never lend their peer.
 * With {@code -Djspy.vt.redis=N}, N more ({@code vt-redis-N}) wait in Jedis's BLPOP on Redis: two
 * peers for the pollers at once. JDK 21+ (virtual threads started by reflection so this module
 * compiles for release 17); the peers go to {@code <jspy.ready>.expect}. Loopback only.
 */
public final class VirtualPostgresApp {
    static final int PG = 6;
    static final int HTTP = 3;

    private VirtualPostgresApp() {
    }

    public static void main(String[] args) throws Exception {
        PostgresServerProcess pg = PostgresServerProcess.start();
        URI http = SlowHttpServer.start();
        int redisThreads = Integer.getInteger("jspy.vt.redis", 0);
        Properties expect = new Properties();
        expect.setProperty("pg", "127.0.0.1:" + URI.create(pg.url().substring("jdbc:".length())).getPort());
        expect.setProperty("http", "127.0.0.1:" + http.getPort());
        for (int i = 0; i < PG; i++) {
            Ready.awaitFrame(virtual("vt-pg-" + i, () -> query(pg.url())), "QueryExecutorImpl.processResults");
        }
        // HTTP/1.1: the default HTTP/2 would first try an h2c upgrade the JDK's server ignores.
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (int i = 0; i < HTTP; i++) {
            Ready.awaitFrame(virtual("vt-http-" + i, () -> call(client, http.resolve("/slow"))), "HttpClientImpl.send");
        }
        if (redisThreads > 0) {
            RedisServerProcess redis = RedisServerProcess.start();
            expect.setProperty("redis", "127.0.0.1:" + URI.create(redis.uri()).getPort());
            for (int i = 0; i < redisThreads; i++) {
                Ready.awaitFrame(virtual("vt-redis-" + i, () -> pop(redis.uri())), "Jedis.blpop");
            }
        }
        String ready = System.getProperty("jspy.ready");
        if (ready != null) {
            try (var out = Files.newBufferedWriter(Path.of(ready + ".expect"), StandardCharsets.UTF_8)) {
                expect.store(out, null);
            }
        }
        Ready.signalAndSleepForever();
    }

    private static void query(String url) {
        try (Connection c = DriverManager.getConnection(url, "jspy", ""); Statement s = c.createStatement()) {
            while (true) {
                s.execute("SELECT pg_sleep(0.5)");
            }
        } catch (Exception e) {
            if (!Ready.isExiting()) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static void call(HttpClient client, URI uri) {
        HttpRequest request = HttpRequest.newBuilder(uri).build();
        try {
            while (true) {
                client.send(request, HttpResponse.BodyHandlers.ofString());
            }
        } catch (Exception e) {
            if (!Ready.isExiting()) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** BLPOP with a 1 s timeout on a list nobody fills: parked on the Redis socket nearly always. */
    private static void pop(String uri) {
        try (Jedis jedis = new Jedis(URI.create(uri))) {
            while (true) {
                jedis.blpop(1, "jspy-empty");
            }
        } catch (Exception e) {
            if (!Ready.isExiting()) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static Thread virtual(String name, Runnable body) throws Exception {
        Method ofVirtual = Thread.class.getMethod("ofVirtual");
        Class<?> builder = Class.forName("java.lang.Thread$Builder");
        Object named = builder.getMethod("name", String.class).invoke(ofVirtual.invoke(null), name);
        return (Thread) builder.getMethod("start", Runnable.class).invoke(named, body);
    }
}
