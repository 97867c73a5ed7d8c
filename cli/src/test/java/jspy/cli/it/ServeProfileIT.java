package jspy.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jspy serve}'s /profile read by Debian's go tool pprof straight from the URL, as Go users
 * do; its / index and /metrics; the bearer token; and a clean exit on SIGTERM.
 */
class ServeProfileIT {
    @TempDir
    Path dir;

    @Test
    void goToolPprofReadsTheProfileEndpoint() throws Exception {
        try (TargetApp app = TargetApp.start(17, "CpuApp", dir);
             ServeProcess serve = ServeProcess.start(dir, "-p", Long.toString(app.pid()))) {
            serve.await("attach", () -> serve.stderrHas("sampling JVM " + app.pid()), 60);
            String top = GoPprof.run(dir, "-top", serve.url("/profile?seconds=10"));
            assertTrue(PprofIT.firstRow(top).contains("jspy/testapps/CpuApp.spin"), top);
            String idle = GoPprof.run(dir, "-top", "-tagfocus", "bucket=idle", serve.url("/profile?seconds=5&idle=1&pid="
                    + app.pid()));
            assertTrue(idle.contains("Thread.sleep"), idle);
            assertTrue(!idle.contains("CpuApp.spin"), "the cpu thread is not idle:\n" + idle);

            HttpResponse<String> index = serve.get("/");
            assertEquals(200, index.statusCode());
            assertTrue(index.body().contains("CpuApp") && index.body().contains("format=svg&amp;pid=" + app.pid()),
                    index.body());
            HttpResponse<String> svg = serve.get("/profile?seconds=5&format=svg&pid=" + app.pid());
            assertEquals(200, svg.statusCode());
            assertTrue(svg.body().startsWith("<?xml") && svg.body().contains("CpuApp.spin"), "not a flame graph");
            assertEquals(400, serve.get("/profile?seconds=-1").statusCode());
            assertEquals(404, serve.get("/profile?seconds=1&pid=1").statusCode());
            assertEquals(0, serve.terminate(), serve.run.stderr());
            assertTrue(serve.stderrHas("stopped sampling JVM " + app.pid()), serve.run.stderr());
        }
    }

    @Test
    void tokenIsRequiredWhenGiven() throws Exception {
        try (TargetApp app = TargetApp.start(25, "CpuApp", dir);
             ServeProcess serve = ServeProcess.start(dir, "-p", Long.toString(app.pid()), "--token", "s3cret",
                     "--app", "billing", "--label", "env=ci")) {
            serve.await("attach", () -> serve.stderrHas("sampling JVM " + app.pid()), 60);
            assertEquals(401, serve.get("/metrics").statusCode());
            assertEquals(401, serve.get("/metrics", "Authorization", "Bearer wrong").statusCode());
            HttpResponse<String> metrics = serve.get("/metrics", "Authorization", "Bearer s3cret");
            assertEquals(200, metrics.statusCode());
            assertTrue(metrics.body().contains("jspy_up{app=\"billing\",pid=\"" + app.pid() + "\",env=\"ci\"} 1"),
                    metrics.body());
            assertEquals(0, serve.terminate(), serve.run.stderr());
        }
    }

    /**
     * SIGHUP is ignored (said once in the log, sampling goes on); after kill -9 of serve the
     * target's agent notices it was abandoned and stops sampling by itself, printing nothing.
     */
    @Test
    void sighupIsIgnoredAndKillNineLeavesNoSamplerBehind() throws Exception {
        try (TargetApp app = TargetApp.start(17, "CpuApp", dir);
             ServeProcess serve = ServeProcess.start(dir, "-p", Long.toString(app.pid()))) {
            serve.await("sampling", () -> serve.stderrHas("sampling JVM " + app.pid()), 60);
            serve.run.signal("HUP");
            serve.await("the SIGHUP line", () -> serve.stderrHas("SIGHUP ignored"), 10);
            assertTrue(serve.run.process.isAlive() && LifecycleIT.agentThreadPresent(app), "SIGHUP stopped sampling");
            serve.run.signal("KILL");
            serve.run.process.waitFor(10, TimeUnit.SECONDS);
            long killed = System.nanoTime();
            while (LifecycleIT.agentThreadPresent(app)) {
                assertTrue(System.nanoTime() - killed < 10_000_000_000L, "agent still sampling 10 s after serve died");
                Thread.sleep(200);
            }
            assertEquals("", app.printed());
        }
    }
    /**
     * A target stopped with SIGSTOP (a debugger, a paused container) stalls only itself: /metrics
     * answers while it is stopped and sampling resumes on SIGCONT. SIGTERM while it is stopped ends
     * serve in bounded time and says the stop was not confirmed; once the JVM runs again its agent
     * stops by itself, and the target printed nothing.
     */
    @Test
    void aStoppedTargetStallsOnlyItself() throws Exception {
        try (TargetApp app = TargetApp.start(25, "CpuApp", dir);
             ServeProcess serve = ServeProcess.start(dir, "-p", Long.toString(app.pid()))) {
            serve.await("sampling", () -> serve.stderrHas("sampling JVM " + app.pid()), 60);
            serve.await("samples", () -> samples(serve) > 0, 30);
            signal("STOP", app.pid());
            Thread.sleep(3000);
            long stalled = samples(serve);
            long asked = System.nanoTime();
            HttpResponse<String> metrics = serve.get("/metrics");
            assertTrue(System.nanoTime() - asked < 3_000_000_000L, "/metrics waited for the stopped JVM");
            assertTrue(metrics.body().contains("jspy_up{app=\"CpuApp\",pid=\"" + app.pid() + "\"} 1"), metrics.body());
            signal("CONT", app.pid());
            serve.await("samples after SIGCONT", () -> samples(serve) > stalled, 30);

            signal("STOP", app.pid());
            long terminated = System.nanoTime();
            assertEquals(0, serve.terminate(), serve.run.stderr());
            long tookMillis = (System.nanoTime() - terminated) / 1_000_000;
            // serve's log lines carry times: a slow stop says which step it spent them in
            assertTrue(tookMillis < 15_000,
                    "serve waited " + tookMillis + " ms for a stopped JVM:\n" + serve.run.stderr());
            assertTrue(serve.stderrHas("JVM " + app.pid() + " is stopped (state T"), serve.run.stderr());
            signal("CONT", app.pid());
            long resumed = System.nanoTime();
            while (LifecycleIT.agentThreadPresent(app)) {
                assertTrue(System.nanoTime() - resumed < 10_000_000_000L, "agent still sampling 10 s after SIGCONT");
                Thread.sleep(200);
            }
            assertEquals("", app.printed());
        }
    }

    private static long samples(ServeProcess serve) {
        try {
            for (String line : serve.get("/metrics").body().split("\n")) {
                if (line.startsWith("jspy_samples_total{")) {
                    return (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return 0;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void signal(String name, long pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start();
        assertEquals(0, kill.waitFor(), "kill -" + name + " " + pid);
    }
}
