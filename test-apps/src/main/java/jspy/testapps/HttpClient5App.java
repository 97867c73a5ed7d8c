package jspy.testapps;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.util.Timeout;

/**
 * Apache HttpClient 5's classic client with a pool of one connection: one thread holds it,
 * reading a response that never ends ("socket"), and three wait to lease it ("pool"): a service
 * whose outbound pool is too small.
 */
public final class HttpClient5App {
    private static final int WAITERS = 3;

    private HttpClient5App() {
    }

    public static void main(String[] args) throws Exception {
        URI base = SlowHttpServer.start();
        PoolingHttpClientConnectionManager pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(1).setMaxConnPerRoute(1).build();
        RequestConfig patient = RequestConfig.custom().setConnectionRequestTimeout(Timeout.ofMinutes(10)).build();
        CloseableHttpClient client = HttpClients.custom().setConnectionManager(pool).setDefaultRequestConfig(patient)
                .build();
        Thread holder = Ready.start("hc5-holder-1", () -> readForever(client, base.resolve("/stream")));
        Ready.awaitFrame(holder, "NioSocketImpl.read");
        Ready.startAll("hc5-waiter-", WAITERS, "InternalExecRuntime.acquireEndpoint",
                () -> callForever(client, base.resolve("/slow")));
        Ready.signalAndSleepForever();
    }

    private static void readForever(CloseableHttpClient client, URI uri) throws IOException {
        try (ClassicHttpResponse response = client.executeOpen(null, new HttpGet(uri), null);
             InputStream in = response.getEntity().getContent()) {
            while (in.read() != -1) {
                // one byte a second, forever: the connection never goes back to the pool
            }
        }
    }

    private static void callForever(CloseableHttpClient client, URI uri) throws IOException {
        while (true) {
            client.execute(new HttpGet(uri), response -> response.getCode());
        }
    }
}
