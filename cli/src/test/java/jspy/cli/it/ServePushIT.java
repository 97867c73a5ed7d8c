package jspy.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve --push} against a local receiver of Pyroscope's documented ingest contract
 * ({@code POST /ingest?name=&from=&until=&spyName=&format=pprof}, the pprof as the body). No
 * Pyroscope server can be installed here (not in Debian, no network beyond the package
 * registries), so the receiver is this test's, and Debian's go tool pprof decodes every body.
 * The first post gets a 503: serve must retry it.
 */
class ServePushIT {
    @TempDir
    Path dir;

    record Received(Map<String, String> query, Path body) {
    }

    @Test
    void pushesPprofWithBucketLabelsAndRetries() throws Exception {
        List<Received> received = new CopyOnWriteArrayList<>();
        AtomicInteger posts = new AtomicInteger();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/ingest", x -> {
            byte[] body = x.getRequestBody().readAllBytes();
            int n = posts.incrementAndGet();
            boolean ok = x.getRequestMethod().equals("POST") && n > 1;
            if (ok) {
                Path file = dir.resolve("push-" + n + ".pb.gz");
                Files.write(file, body);
                received.add(new Received(queryOf(x.getRequestURI().getRawQuery()), file));
            }
            x.sendResponseHeaders(ok ? 200 : 503, -1);
            x.close();
        });
        receiver.start();
        try (TargetApp app = TargetApp.start(17, "CpuApp", dir);
             ServeProcess serve = ServeProcess.start(dir, "-p", Long.toString(app.pid()), "--label", "env=it",
                     "--push", "http://127.0.0.1:" + receiver.getAddress().getPort(), "--push-every", "6")) {
            serve.await("two pushes", () -> received.size() >= 2, 90);
            for (Received r : received) {
                assertEquals("CpuApp.wall{pid=" + app.pid() + ",env=it}", r.query().get("name"), r.query().toString());
                assertEquals("jspy", r.query().get("spyName"));
                assertEquals("pprof", r.query().get("format"));
                long from = Long.parseLong(r.query().get("from"));
                long until = Long.parseLong(r.query().get("until"));
                assertTrue(from < until && until - from < 60, r.query().toString());
                String raw = GoPprof.run(dir, "-raw", r.body().toString());
                assertTrue(raw.contains("bucket:[cpu]") && raw.contains("jspy/testapps/CpuApp.spin"), raw);
                assertTrue(raw.contains("bucket:[idle]"), "pushed wall profiles keep idle, labelled:\n" + raw);
            }
            assertTrue(posts.get() > received.size(), "the refused first post was not retried");
            assertTrue(serve.get("/metrics").body().contains("jspy_push_dropped_total{env=\"it\"} 0"));
            assertEquals(0, serve.terminate(), serve.run.stderr());
        } finally {
            receiver.stop(0);
        }
    }

    /**
     * SIGTERM long before the first push is due (--push-every 600): the windows so far, the partial
     * one included, must still reach the receiver, in one last post before serve exits.
     */
    @Test
    void sigtermPushesWhatIsUnsent() throws Exception {
        List<Received> received = new CopyOnWriteArrayList<>();
        HttpServer receiver = receiver(received, false);
        try (TargetApp app = TargetApp.start(17, "CpuApp", dir);
             ServeProcess serve = ServeProcess.start(dir, "-p", Long.toString(app.pid()),
                     "--push", "http://127.0.0.1:" + receiver.getAddress().getPort(), "--push-every", "600")) {
            serve.await("a first window", () -> serve.stderrHas("sampling JVM " + app.pid()), 60);
            Thread.sleep(7000); // one 5 s window and part of the next
            long terminated = System.currentTimeMillis() / 1000;
            assertEquals(0, serve.terminate(), serve.run.stderr());
            assertEquals(1, received.size(), "one last push at SIGTERM: " + serve.run.stderr());
            Received last = received.get(0);
            assertTrue(Long.parseLong(last.query().get("until")) >= terminated,
                    "the partial window is missing: until " + last.query().get("until") + " < SIGTERM at " + terminated);
            String raw = GoPprof.run(dir, "-raw", last.body().toString());
            assertTrue(raw.contains("bucket:[cpu]") && raw.contains("jspy/testapps/CpuApp.spin"), raw);
            assertTrue(serve.stderrHas("push at exit: sent 1 of 1 pending profile(s)"), serve.run.stderr());
        } finally {
            receiver.stop(0);
        }
    }

    /**
     * A server that takes the connection and never answers: SIGTERM still ends serve within its
     * stop and the last push's deadline (3 s), and the profile left unsent is counted and logged.
     */
    @Test
    void sigtermDoesNotHangOnAServerThatNeverAnswers() throws Exception {
        HttpServer receiver = receiver(new CopyOnWriteArrayList<>(), true);
        try (TargetApp app = TargetApp.start(17, "CpuApp", dir);
             ServeProcess serve = ServeProcess.start(dir, "-p", Long.toString(app.pid()),
                     "--push", "http://127.0.0.1:" + receiver.getAddress().getPort(), "--push-every", "600")) {
            serve.await("sampling", () -> serve.stderrHas("sampling JVM " + app.pid()), 60);
            Thread.sleep(6000);
            long started = System.nanoTime();
            assertEquals(0, serve.terminate(), serve.run.stderr());
            double seconds = (System.nanoTime() - started) / 1e9;
            assertTrue(seconds < 10, "SIGTERM took " + seconds + " s with a silent push server: " + serve.run.stderr());
            assertTrue(serve.stderrHas("push at exit: sent 0 of 1 pending profile(s); dropped 1 (no answer within"),
                    serve.run.stderr());
        } finally {
            receiver.stop(0);
        }
    }

    /** The ingest receiver: saves each body; silent holds every request unanswered. */
    private HttpServer receiver(List<Received> received, boolean silent) throws Exception {
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r);
            t.setDaemon(true);
            return t;
        }));
        receiver.createContext("/ingest", x -> {
            byte[] body = x.getRequestBody().readAllBytes();
            if (silent) {
                sleepQuietly(120_000);
            }
            Path file = dir.resolve("push-" + received.size() + ".pb.gz");
            Files.write(file, body);
            received.add(new Received(queryOf(x.getRequestURI().getRawQuery()), file));
            x.sendResponseHeaders(200, -1);
            x.close();
        });
        receiver.start();
        return receiver;
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, String> queryOf(String raw) {
        Map<String, String> out = new java.util.HashMap<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            out.put(pair.substring(0, eq), java.net.URLDecoder.decode(pair.substring(eq + 1),
                    java.nio.charset.StandardCharsets.UTF_8));
        }
        return out;
    }
}
