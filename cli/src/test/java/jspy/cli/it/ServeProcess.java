package jspy.cli.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/** A running {@code jspy serve} on a free loopback port; close() sends SIGTERM and expects exit 0. */
final class ServeProcess implements AutoCloseable {
    final JspyRun run;
    final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ServeProcess(JspyRun run, int port) {
        this.run = run;
        this.port = port;
    }

    static ServeProcess start(Path dir, String... args) throws Exception {
        return startOn("127.0.0.1", dir, args);
    }

    /** Listening on host (0.0.0.0: every interface); requests still go to 127.0.0.1. */
    static ServeProcess startOn(String host, Path dir, String... args) throws Exception {
        int port = freePort();
        List<String> all = new ArrayList<>(List.of("serve", "--listen", host + ":" + port));
        all.addAll(List.of(args));
        ServeProcess s = new ServeProcess(JspyRun.start(dir, all.toArray(String[]::new)), port);
        try {
            s.await("listening", () -> s.stderrHas("listening on http://" + host + ":" + port), 30);
        } catch (AssertionError e) {
            s.close(); // not returned, so no try-with-resources would stop it
            throw e;
        }
        return s;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(60));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The body as bytes (a pprof is gzip'd). */
    HttpResponse<byte[]> getBytes(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    boolean stderrHas(String text) {
        try {
            return run.stderr().contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    /** Waits until the condition holds; fails with serve's log after timeoutSeconds. */
    void await(String what, BooleanSupplier condition, long timeoutSeconds) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutSeconds * 1000;
        while (!condition.getAsBoolean()) {
            if (!run.process.isAlive() || System.currentTimeMillis() > deadline) {
                throw new AssertionError("serve: no " + what + " within " + timeoutSeconds + " s; log:\n" + run.stderr());
            }
            Thread.sleep(200);
        }
    }

    /** SIGTERM, then the exit code (serve must stop every target and exit 0). */
    int terminate() throws Exception {
        if (run.process.isAlive()) {
            run.signal("TERM");
        }
        return run.await(30);
    }

    @Override
    public void close() throws Exception {
        if (run.process.isAlive()) {
            run.process.destroyForcibly();
            run.process.waitFor();
        }
    }
}
