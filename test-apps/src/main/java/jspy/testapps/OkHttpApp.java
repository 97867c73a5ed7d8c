package jspy.testapps;

import java.io.IOException;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/** Two threads calling a slow local server through OkHttp's blocking {@code Call.execute}: "socket". */
public final class OkHttpApp {
    private OkHttpApp() {
    }

    public static void main(String[] args) throws Exception {
        URI uri = SlowHttpServer.start().resolve("/slow");
        OkHttpClient client = new OkHttpClient.Builder().readTimeout(1, TimeUnit.MINUTES).build();
        Request request = new Request.Builder().url(uri.toURL()).build();
        Ready.startAll("okhttp-client-", 2, "RealCall.execute", () -> callForever(client, request));
        Ready.signalAndSleepForever();
    }

    private static void callForever(OkHttpClient client, Request request) throws IOException {
        while (true) {
            try (Response response = client.newCall(request).execute()) {
                response.body().string();
            }
        }
    }
}
