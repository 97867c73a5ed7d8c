package jspy.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's Prometheus (package prometheus, installed by .ci/run) scrapes {@code jspy serve} on
 * loopback while it samples CpuApp, whose one worker spins: PromQL over Prometheus's HTTP API must
 * find the cpu bucket worth one thread, i.e. a share of 1/threads of all wall time, within 10
 * percentage points. The alert rules of docs/serve.md load into that Prometheus and pass promtool.
 */
class ServePrometheusIT {
    private static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void promtoolAcceptsTheAlertRuleOfTheServeDocs() throws Exception {
        Process p = new ProcessBuilder(tool(PROMTOOL).toString(), "check", "rules", rules().toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("SUCCESS: 2 rules found"), out);
    }

    @Test
    void prometheusSeesTheCpuShareOfCpuApp() throws Exception {
        try (TargetApp app = TargetApp.start(25, "CpuApp", dir);
             ServeProcess serve = ServeProcess.start(dir, "-p", Long.toString(app.pid()), "--label", "env=it")) {
            serve.await("attach", () -> serve.stderrHas("sampling JVM " + app.pid()), 60);
            int port = ServeProcess.freePort();
            Process prometheus = startPrometheus(serve.port, port);
            try {
                String share = "sum(increase(jspy_wall_seconds_total{env=\"it\",bucket=\"cpu\"}[2m]))"
                        + " / sum(increase(jspy_wall_seconds_total{env=\"it\"}[2m]))";
                double cpuShare = awaitValue(port, share, prometheus);
                double threads = query(port, "max(jspy_threads{env=\"it\"})");
                String summary = String.format(Locale.ROOT, "cpu share %.3f, threads %.0f", cpuShare, threads);
                assertTrue(Math.abs(cpuShare - 1 / threads) <= 0.10, summary);
                assertTrue(cpuShare * threads > 0.7 && cpuShare * threads < 1.3, "cpu is not one thread's worth: " + summary);
                assertEquals(1, query(port, "jspy_up{app=\"CpuApp\",pid=\"" + app.pid() + "\"}"), 0);
                double busyShare = query(port, "app:jspy_bucket_share:rate5m{app=\"CpuApp\",bucket=\"cpu\"}");
                assertTrue(busyShare > 0.5, "the recording rule's cpu share of busy time: " + busyShare);
            } finally {
                prometheus.destroy();
                prometheus.waitFor(20, TimeUnit.SECONDS);
            }
            assertEquals(0, serve.terminate(), serve.run.stderr());
        }
    }

    private Process startPrometheus(int servePort, int port) throws Exception {
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, String.join("\n", List.of(
                "global:", "  scrape_interval: 1s", "  evaluation_interval: 1s",
                "rule_files: ['" + rules() + "']",
                "scrape_configs:", "  - job_name: jspy", "    static_configs:",
                "      - targets: ['127.0.0.1:" + servePort + "']", "")));
        return new ProcessBuilder(tool(PROMETHEUS).toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
    }

    /** Polls the query until it has a value with at least three of serve's 5 s windows in it. */
    private double awaitValue(int port, String promql, Process prometheus) throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        long firstSeen = 0;
        while (System.currentTimeMillis() < deadline) {
            if (!prometheus.isAlive()) {
                throw new AssertionError("prometheus exited: " + Files.readString(dir.resolve("prometheus.log")));
            }
            double v = queryOrNaN(port, promql);
            if (!Double.isNaN(v)) {
                firstSeen = firstSeen == 0 ? System.currentTimeMillis() : firstSeen;
                if (System.currentTimeMillis() - firstSeen > 15_000) {
                    return v;
                }
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("no value for " + promql + "; prometheus log:\n"
                + Files.readString(dir.resolve("prometheus.log")));
    }

    private static double query(int port, String promql) throws Exception {
        double v = queryOrNaN(port, promql);
        assertTrue(!Double.isNaN(v), "no value for " + promql);
        return v;
    }

    private static double queryOrNaN(int port, String promql) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/query?query="
                + URLEncoder.encode(promql, StandardCharsets.UTF_8))).build();
        HttpResponse<String> r;
        try {
            r = HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
        } catch (java.net.ConnectException notYet) {
            return Double.NaN;
        }
        JsonNode result = JSON.readTree(r.body()).path("data").path("result");
        if (r.statusCode() != 200 || result.size() != 1) {
            return Double.NaN;
        }
        return Double.parseDouble(result.get(0).path("value").get(1).asText());
    }

    private static Path rules() throws Exception {
        return Path.of(ServePrometheusIT.class.getResource("/serve/jspy-alerts.yml").toURI());
    }

    private static Path tool(Path path) {
        if (!Files.isExecutable(path)) {
            throw new AssertionError(path + " not found: install Debian's prometheus (apt-get install -y prometheus; "
                    + ".ci/run does)");
        }
        return path;
    }
}
