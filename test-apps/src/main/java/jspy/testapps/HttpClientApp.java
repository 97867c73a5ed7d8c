package jspy.testapps;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Two threads calling a slow local HTTP server through the JDK's {@link HttpClient}: the
 * "socket" bucket. The client thread never reads the socket itself: {@code send} waits on a
 * CompletableFuture while the client's selector thread does the I/O (issue 10 saw it as idle).
 */
public final class HttpClientApp {

    private HttpClientApp() {
    }

    public static void main(String[] args) throws Exception {
        URI uri = SlowHttpServer.start().resolve("/slow");
        // HTTP/1.1: the default HTTP/2 would first try an h2c upgrade the JDK's server ignores.
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Ready.startAll("http-client-", 2, "HttpClientImpl.send", () -> callForever(client, uri));
        Ready.signalAndSleepForever();
    }

    private static void callForever(HttpClient client, URI uri) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri).build();
        while (true) {
            client.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }
}
