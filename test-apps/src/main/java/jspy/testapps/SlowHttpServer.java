package jspy.testapps;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JDK's own HTTP/1.1 server on a loopback port, for the HTTP client scenarios: {@code /slow}
 * answers after 2 s, {@code /stream} sends one byte a second and never ends (a client reading it
 * holds its connection for good).
 */
final class SlowHttpServer {
    static final int RESPONSE_MILLIS = 2000;

    private SlowHttpServer() {
    }

    /** Starts it; returns its base URI, {@code http://127.0.0.1:PORT}. */
    static URI start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        AtomicInteger n = new AtomicInteger();
        server.setExecutor(Executors.newFixedThreadPool(8, r -> new Thread(r, "http-server-" + n.incrementAndGet())));
        server.createContext("/slow", exchange -> {
            Ready.sleepMillis(RESPONSE_MILLIS);
            byte[] body = "ok".getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/stream", exchange -> {
            exchange.sendResponseHeaders(200, 0); // chunked, no length
            try (OutputStream out = exchange.getResponseBody()) {
                while (true) {
                    Ready.sleepMillis(1000);
                    out.write('.');
                    out.flush();
                }
            }
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }
}
