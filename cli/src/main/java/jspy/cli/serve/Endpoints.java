package jspy.cli.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * serve's HTTP side on the JDK's own {@code com.sun.net.httpserver} (jdk.httpserver, in every JDK
 * since 6): no dependency for three GET endpoints a scraper and go tool pprof call a few times a
 * minute. A few worker threads, because /profile holds its request for N seconds and must not
 * stall a scrape.
 */
final class Endpoints implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService workers = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "jspy-http");
        t.setDaemon(true);
        return t;
    });

    Endpoints(InetSocketAddress listen, String token, Targets targets, Pusher pusher, Map<String, String> labels)
            throws IOException {
        server = HttpServer.create(listen, 16);
        server.createContext("/metrics", guarded(token, x -> reply(x, 200, Metrics.CONTENT_TYPE,
                Metrics.render(targets.all(), targets.attachErrors(), pusher, labels))));
        server.createContext("/profile", guarded(token, new ProfileEndpoint(targets)));
        server.createContext("/", guarded(token, x -> {
            if (!x.getRequestURI().getPath().equals("/")) {
                reply(x, 404, "text/plain; charset=utf-8", "not found: try /, /metrics or /profile?seconds=10\n");
            } else {
                reply(x, 200, "text/html; charset=utf-8", Index.render(targets.all()));
            }
        }));
        server.setExecutor(workers);
    }

    void start() {
        server.start();
    }

    InetSocketAddress address() {
        return server.getAddress();
    }

    /** GET only, and with --token an exact {@code Authorization: Bearer <token>}, compared in constant time. */
    private static HttpHandler guarded(String token, HttpHandler handler) {
        return x -> {
            try (x) {
                if (!x.getRequestMethod().equals("GET") && !x.getRequestMethod().equals("HEAD")) {
                    reply(x, 405, "text/plain; charset=utf-8", "only GET\n");
                } else if (token != null && !authorized(x.getRequestHeaders().getFirst("Authorization"), token)) {
                    x.getResponseHeaders().set("WWW-Authenticate", "Bearer");
                    reply(x, 401, "text/plain; charset=utf-8", "missing or wrong bearer token\n");
                } else {
                    handler.handle(x);
                }
            } catch (RuntimeException e) {
                ServeLog.info("request " + x.getRequestURI() + " failed: " + e);
            }
        };
    }

    private static boolean authorized(String header, String token) {
        return header != null && MessageDigest.isEqual(header.getBytes(StandardCharsets.UTF_8),
                ("Bearer " + token).getBytes(StandardCharsets.UTF_8));
    }

    static void reply(HttpExchange x, int status, String type, String body) throws IOException {
        reply(x, status, type, body.getBytes(StandardCharsets.UTF_8));
    }

    static void reply(HttpExchange x, int status, String type, byte[] body) throws IOException {
        x.getResponseHeaders().set("Content-Type", type);
        x.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(1);
        workers.shutdownNow();
    }
}
