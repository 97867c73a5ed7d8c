package jspy.testapps;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.concurrent.CountDownLatch;

/** DemoApp's load generator: one request at a time, with a pause, so the load stays bounded. */
final class DemoClient {

    private static final long PAUSE_MILLIS = 100;

    private DemoClient() {
    }

    static void run(URI endpoint, CountDownLatch firstResponse) throws IOException {
        while (true) {
            HttpURLConnection connection = (HttpURLConnection) endpoint.toURL().openConnection();
            int status = connection.getResponseCode();
            try (InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
                // Read to the end so the keep-alive connection can be reused.
                body.readAllBytes();
            }
            if (status != 200) {
                throw new IOException("demo endpoint answered " + status);
            }
            firstResponse.countDown();
            Ready.sleepMillis(PAUSE_MILLIS);
        }
    }
}
