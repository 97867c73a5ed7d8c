package jspy.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

/**
 * {@code jspy serve} from the unpacked tarball, with no java on PATH: /metrics, /profile and
 * {@code --push} run on the bundled runtime's jdk.httpserver, java.net.http and (for https)
 * jdk.crypto.ec. The push goes to a local Pyroscope-style receiver over TLS with an EC
 * certificate, as Grafana Cloud's endpoints are https: without the SunEC provider the handshake
 * fails.
 */
class InstallTarballServeIT {
    private static final String PASS = "changeit";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void servesMetricsAndProfilesAndPushesOverHttps() throws Exception {
        Tarball tarball = Tarball.unpacked();
        Path work = tarball.work("serve");
        Path trust = certificates(work);
        List<Path> pushed = new CopyOnWriteArrayList<>();
        HttpsServer receiver = receiver(work, pushed);
        int port = ServeProcess.freePort();
        // The trust store reaches serve's JVM as a user's would: JAVA_TOOL_OPTIONS.
        Map<String, String> env = Map.of("JAVA_TOOL_OPTIONS", "-Djavax.net.ssl.trustStore=" + trust
                + " -Djavax.net.ssl.trustStorePassword=" + PASS);
        Process serve = null;
        try (TargetApp app = TargetApp.start(17, "CpuApp", work)) {
            serve = tarball.start(work, env, "serve", "-p", Long.toString(app.pid()), "--listen", "127.0.0.1:" + port,
                    "--push", "https://127.0.0.1:" + receiver.getAddress().getPort(), "--push-every", "2");
            String base = "http://127.0.0.1:" + port;
            await(serve, work, "listening", () -> log(work).contains("listening on " + base));
            await(serve, work, "sampling", () -> log(work).contains("sampling JVM " + app.pid()));

            HttpResponse<String> metrics = get(base + "/metrics", HttpResponse.BodyHandlers.ofString());
            assertEquals(200, metrics.statusCode(), metrics.body());
            assertTrue(metrics.body().contains("# TYPE jspy_wall_seconds counter"), metrics.body());
            assertTrue(metrics.body().contains("jspy_up{app=\"CpuApp\",pid=\"" + app.pid() + "\"} 1"), metrics.body());

            HttpResponse<byte[]> profile = get(base + "/profile?seconds=1", HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, profile.statusCode(), new String(profile.body()));
            Path pprof = Files.write(work.resolve("profile.pb.gz"), profile.body());
            String raw = GoPprof.run(work, "-raw", pprof.toString());
            assertTrue(raw.contains("bucket:[cpu]") && raw.contains("jspy/testapps/CpuApp.spin"), raw);

            await(serve, work, "a push over https", () -> !pushed.isEmpty());
            String body = GoPprof.run(work, "-raw", pushed.get(0).toString());
            assertTrue(body.contains("jspy/testapps/CpuApp.spin"), body);

            serve.destroy(); // SIGTERM
            assertTrue(serve.waitFor(30, TimeUnit.SECONDS), "serve did not stop on SIGTERM: " + log(work));
            assertEquals(0, serve.exitValue(), log(work));
            assertTrue(log(work).contains("stopped sampling JVM " + app.pid()), log(work));
            assertEquals("", app.printed(), "the target printed something");
        } finally {
            if (serve != null) {
                serve.destroyForcibly();
            }
            receiver.stop(0);
        }
    }

    private <T> HttpResponse<T> get(String url, HttpResponse.BodyHandler<T> body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).build(), body);
    }

    private static String log(Path work) {
        try {
            return Files.readString(work.resolve("err"));
        } catch (IOException e) {
            return "";
        }
    }

    private static void await(Process serve, Path work, String what, BooleanSupplier done) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (!done.getAsBoolean()) {
            if (!serve.isAlive() || System.currentTimeMillis() > deadline) {
                throw new AssertionError("serve: no " + what + " (alive: " + serve.isAlive() + "); log:\n" + log(work));
            }
            Thread.sleep(200);
        }
    }

    /** An EC key pair for 127.0.0.1 in server.p12, and its certificate alone in trust.p12 (returned). */
    private static Path certificates(Path work) throws Exception {
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Path server = work.resolve("server.p12");
        Path trust = work.resolve("trust.p12");
        Path cert = work.resolve("server.cer");
        keytool(work, keytool, "-genkeypair", "-alias", "receiver", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1", "-validity", "2", "-keystore", server.toString(),
                "-storetype", "PKCS12", "-storepass", PASS);
        keytool(work, keytool, "-exportcert", "-alias", "receiver", "-keystore", server.toString(), "-storepass", PASS,
                "-file", cert.toString());
        keytool(work, keytool, "-importcert", "-noprompt", "-alias", "receiver", "-file", cert.toString(),
                "-keystore", trust.toString(), "-storetype", "PKCS12", "-storepass", PASS);
        return trust;
    }

    private static void keytool(Path work, String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", cmd) + ": " + out);
    }

    /** POST /ingest over TLS; each body saved, answered 200. */
    private static HttpsServer receiver(Path work, List<Path> pushed) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(work.resolve("server.p12"))) {
            keys.load(in, PASS.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASS.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/ingest", x -> {
            byte[] body = x.getRequestBody().readAllBytes();
            if (x.getRequestMethod().equals("POST") && x.getRequestURI().getRawQuery().contains("format=pprof")) {
                pushed.add(Files.write(work.resolve("push-" + pushed.size() + ".pb.gz"), body));
            }
            x.sendResponseHeaders(200, -1);
            x.close();
        });
        server.start();
        return server;
    }
}
