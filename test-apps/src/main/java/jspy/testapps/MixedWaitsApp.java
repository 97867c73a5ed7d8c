package jspy.testapps;

import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
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
 * HTTP server through HttpURLConnection ({@code http-url-1}) and OkHttp ({@code okhttp-1}), a
 * Unix-domain socket, read at both ends ({@code unix-server-1}, {@code unix-client-1}), a monitor
 * held by {@code ledger-owner} ({@code ledger-waiter-1}) and a ReentrantLock held by
 * {@code rlock-owner} ({@code rlock-waiter-1}). The peers go to {@code <jspy.ready>.expect}.
 */
public final class MixedWaitsApp {
    private static final Ledger LEDGER = new Ledger();
    private static final ReentrantLock LOCK = new ReentrantLock();

    private MixedWaitsApp() {
    }

    public static void main(String[] args) throws Exception {
        PostgresServerProcess pg = PostgresServerProcess.start();
        RedisServerProcess redis = RedisServerProcess.start();
        URI http = SlowHttpServer.start();
        Path socket = Files.createTempDirectory("jspy-unix").resolve("app.sock");
        Properties expect = new Properties();
        expect.setProperty("pg", "127.0.0.1:" + URI.create(pg.url().substring("jdbc:".length())).getPort());
        expect.setProperty("redis", "127.0.0.1:" + URI.create(redis.uri()).getPort());
        expect.setProperty("http", "127.0.0.1:" + http.getPort());
        expect.setProperty("unix", "unix:" + socket);
        for (int i = 1; i <= 2; i++) {
            Ready.awaitFrame(Ready.start("pg-query-" + i, () -> query(pg.url())), "QueryExecutorImpl.processResults");
        }
        Ready.awaitFrame(Ready.start("redis-pop-1", () -> pop(redis.uri())), "Jedis.blpop");
        Ready.awaitFrame(Ready.start("http-url-1", () -> urlConnection(http.resolve("/slow"))), "HttpURLConnection.getInputStream");
        Ready.awaitFrame(Ready.start("okhttp-1", () -> okHttp(http.resolve("/slow"))), "RealCall.execute");
        unix(socket);
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

    /** A Unix-domain socket nobody writes to: the server's accepted end and the client's end both read forever. */
    private static void unix(Path path) throws Exception {
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path));
        SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(path));
        SocketChannel accepted = server.accept();
        Ready.awaitFrame(Ready.start("unix-server-1", () -> readForever(accepted)), "SocketDispatcher.read0");
        Ready.awaitFrame(Ready.start("unix-client-1", () -> readForever(client)), "SocketDispatcher.read0");
    }

    private static void readForever(SocketChannel channel) throws Exception {
        ByteBuffer buffer = ByteBuffer.allocate(64);
        while (channel.read(buffer) >= 0) {
            buffer.clear();
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
