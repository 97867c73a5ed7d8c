package jspy.testapps;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Two threads calling a slow local HTTP server through the JDK's {@link HttpClient}: the
 * "socket" bucket. The client thread never reads the socket itself: {@code send} waits on a
 * CompletableFuture while the client's selector thread does the I/O (issue 10 saw it as idle).
 */
public final class HttpClientApp {

    private static final int RESPONSE_MILLIS = 2000;

    private HttpClientApp() {
    }

    public static void main(String[] args) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        AtomicInteger n = new AtomicInteger();
        server.setExecutor(Executors.newFixedThreadPool(4, r -> new Thread(r, "http-server-" + n.incrementAndGet())));
        server.createContext("/slow", exchange -> {
            Ready.sleepMillis(RESPONSE_MILLIS);
            byte[] body = "ok".getBytes();
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/slow");
        // HTTP/1.1: the default HTTP/2 would first try an h2c upgrade the JDK's server ignores.
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Thread first = Ready.start("http-client-1", () -> callForever(client, uri));
        Thread second = Ready.start("http-client-2", () -> callForever(client, uri));
        Ready.awaitFrame(first, "HttpClientImpl.send");
        Ready.awaitFrame(second, "HttpClientImpl.send");
        Ready.signalAndSleepForever();
    }

    private static void callForever(HttpClient client, URI uri) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri).build();
        while (true) {
            client.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }
}
