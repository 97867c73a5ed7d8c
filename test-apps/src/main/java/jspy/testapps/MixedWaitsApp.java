package jspy.testapps;

import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import redis.clients.jedis.Jedis;

/**
 * One JVM that waits on everything at once, as a service does: PostgreSQL through pgjdbc
 * ({@code pg-query-1/2}, jdbc), Redis through Jedis ({@code redis-pop-1}, socket), a slow local
 * HTTP server through HttpURLConnection ({@code http-url-1}) and OkHttp ({@code okhttp-1}), on
 * JDK 16+ a Unix-domain socket ({@link UnixWaits}), a monitor held by {@code ledger-owner}
 * ({@code ledger-waiter-1}) and a ReentrantLock held by {@code rlock-owner} ({@code rlock-waiter-1}).
 * The peers go to {@code <jspy.ready>.expect}. Java 11 source: Jdk11IT compiles it with
 * --release 11, less UnixWaits, for a JDK 11 target.
 */
public final class MixedWaitsApp {
    private static final Ledger LEDGER = new Ledger();
    private static final ReentrantLock LOCK = new ReentrantLock();
    /** The JDK's Unix-domain sockets (UnixDomainSocketAddress) came in 16: before it, no unix group and no unix key. */
    private static final int UNIX_SOCKETS = 16;

    private MixedWaitsApp() {
    }

    public static void main(String[] args) throws Exception {
        PostgresServerProcess pg = PostgresServerProcess.start();
        RedisServerProcess redis = RedisServerProcess.start();
        URI http = SlowHttpServer.start();
        Properties expect = new Properties();
        expect.setProperty("pg", "127.0.0.1:" + URI.create(pg.url().substring("jdbc:".length())).getPort());
        expect.setProperty("redis", "127.0.0.1:" + URI.create(redis.uri()).getPort());
        expect.setProperty("http", "127.0.0.1:" + http.getPort());
        for (int i = 1; i <= 2; i++) {
            Ready.awaitFrame(Ready.start("pg-query-" + i, () -> query(pg.url())), "QueryExecutorImpl.processResults");
        }
        Ready.awaitFrame(Ready.start("redis-pop-1", () -> pop(redis.uri())), "Jedis.blpop");
        Ready.awaitFrame(Ready.start("http-url-1", () -> urlConnection(http.resolve("/slow"))), "HttpURLConnection.getInputStream");
        Ready.awaitFrame(Ready.start("okhttp-1", () -> okHttp(http.resolve("/slow"))), "RealCall.execute");
        if (Runtime.version().feature() >= UNIX_SOCKETS) {
            Path socket = Files.createTempDirectory("jspy-unix").resolve("app.sock");
            expect.setProperty("unix", "unix:" + socket);
            UnixWaits.start(socket);
        }
        Thread ledger = Ready.start("ledger-owner", () -> hold());
        Ready.awaitState(ledger, Thread.State.TIMED_WAITING);
        Ready.awaitState(Ready.start("ledger-waiter-1", () -> enter()), Thread.State.BLOCKED);
        Thread owner = Ready.start("rlock-owner", () -> holdLock());
        Ready.awaitState(owner, Thread.State.TIMED_WAITING);
        Ready.awaitState(Ready.start("rlock-waiter-1", LOCK::lock), Thread.State.WAITING);
        String ready = System.getProperty("jspy.ready");
        if (ready != null) {
            try (var out = Files.newBufferedWriter(Path.of(ready + ".expect"), StandardCharsets.UTF_8)) {
                expect.store(out, null);
            }
        }
        Ready.signalAndSleepForever();
    }

    private static void query(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "jspy", ""); Statement s = c.createStatement()) {
            while (true) {
                s.execute("SELECT pg_sleep(0.5)");
            }
        }
    }

    private static void pop(String uri) {
        try (Jedis jedis = new Jedis(URI.create(uri))) {
            while (true) {
                jedis.blpop(0, "jspy-empty");
            }
        }
    }

    private static void urlConnection(URI uri) throws Exception {
        while (true) {
            HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
            try (InputStream in = c.getInputStream()) {
                in.readAllBytes();
            }
        }
    }

    private static void okHttp(URI uri) throws Exception {
        OkHttpClient client = new OkHttpClient.Builder().readTimeout(1, TimeUnit.MINUTES).build();
        Request request = new Request.Builder().url(uri.toURL()).build();
        while (true) {
            try (Response response = client.newCall(request).execute()) {
                response.body().string();
            }
        }
    }

    private static void hold() {
        synchronized (LEDGER) {
            while (true) {
                Ready.sleepMillis(1000);
            }
        }
    }

    private static void enter() {
        synchronized (LEDGER) {
            LEDGER.hashCode();
        }
    }

    private static void holdLock() {
        LOCK.lock();
        while (true) {
            Ready.sleepMillis(1000);
        }
    }
}
