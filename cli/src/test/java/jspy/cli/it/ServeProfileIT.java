package jspy.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jspy serve}'s /profile read by Debian's go tool pprof straight from the URL, as Go users
 * do, and how many seconds it covers; its / index and /metrics; the bearer token and --no-token;
 * and a clean exit on SIGTERM.
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
            assertEquals(10, duration(top), 0.5, top);
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

    /**
     * /profile?seconds=N answers right after N seconds and covers N seconds, not serve's 5 s
     * windows: the agent closes a window where the request starts and where it ends. Before,
     * seconds=2 answered after 5.1 s with 5 s of samples, seconds=7 after 4.8 s with 5 s (JDK 17).
     * JDK 25: its virtual-thread dumps must not end a capture before its last window.
     */
    @Test
    void aProfileCoversTheSecondsAskedFor() throws Exception {
        try (TargetApp app = TargetApp.start(25, "CpuApp", dir);
             ServeProcess serve = ServeProcess.start(dir, "-p", Long.toString(app.pid()))) {
            serve.await("attach", () -> serve.stderrHas("sampling JVM " + app.pid()), 60);
            serve.await("samples", () -> samples(serve) > 0, 30);
            // The first request loads classes, in serve (pprof) and in the target (the first edge):
            // it answered 0.4-3 s late on this machine at load 20-50; timed are the ones after it.
            assertEquals(200, serve.getBytes("/profile?seconds=1").statusCode());
            for (int seconds : new int[] {2, 1, 7}) {
                // A second try when the first misses: at load 40-50 on this machine's 2 cores an
                // answer came 0.04 s late (seconds=1 in 1.54 s). Whole windows miss by 3-5 s.
                String first = profileMiss(serve, seconds);
                String second = first == null ? null : profileMiss(serve, seconds);
                assertTrue(second == null, first + "\nand again:\n" + second + "\nserve's log:\n" + serve.run.stderr());
            }
            assertEquals(0, serve.terminate(), serve.run.stderr());
        }
    }

    /** On an address other hosts can reach, with --token: no warning, 401 without the token or with a wrong one. */
    @Test
    void tokenIsRequiredWhenGiven() throws Exception {
        try (TargetApp app = TargetApp.start(25, "CpuApp", dir);
             ServeProcess serve = ServeProcess.startOn("0.0.0.0", dir, "-p", Long.toString(app.pid()), "--token",
                     "s3cret", "--app", "billing", "--label", "env=ci")) {
            serve.await("attach", () -> serve.stderrHas("sampling JVM " + app.pid()), 60);
            assertTrue(!serve.stderrHas("warning"), serve.run.stderr());
            assertEquals(401, serve.get("/metrics").statusCode());
            assertEquals(401, serve.get("/metrics", "Authorization", "Bearer wrong").statusCode());
            HttpResponse<String> metrics = serve.get("/metrics", "Authorization", "Bearer s3cret");
            assertEquals(200, metrics.statusCode());
            assertTrue(metrics.body().contains("jspy_up{app=\"billing\",pid=\"" + app.pid() + "\",env=\"ci\"} 1"),
                    metrics.body());
            assertEquals(0, serve.terminate(), serve.run.stderr());
        }
    }

    /** --no-token serves every interface as asked, and says at start what that exposes. */
    @Test
    void noTokenServesOtherHostsWithAWarning() throws Exception {
        try (ServeProcess serve = ServeProcess.startOn("0.0.0.0", dir, "--all", "--include", UUID.randomUUID().toString(),
                "--no-token")) {
            assertTrue(serve.stderrHas("jspy serve: warning: --no-token: anyone who can reach 0.0.0.0:" + serve.port
                    + " reads the code structure (class and method names) of every JVM sampled here and can take "
                    + "profiles; pass --token TOKEN to require a bearer token"), serve.run.stderr());
            assertEquals(200, serve.get("/metrics").statusCode());
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

    /**
     * One /profile?seconds=N: null when it answered within N + 0.5 s and pprof reads N ± 0.5 s in
     * its duration and in the one busy thread's time, else what it got.
     */
    private String profileMiss(ServeProcess serve, int seconds) throws Exception {
        long asked = System.nanoTime();
        HttpResponse<byte[]> profile = serve.getBytes("/profile?seconds=" + seconds);
        double took = (System.nanoTime() - asked) / 1e9;
        assertEquals(200, profile.statusCode());
        Path pprof = Files.write(dir.resolve(seconds + "s.pb.gz"), profile.body());
        String top = GoPprof.run(dir, "-top", "-unit=s", pprof.toString());
        boolean fits = took < seconds + 0.5 && Math.abs(duration(top) - seconds) <= 0.5
                && Math.abs(flatSeconds(top, "jspy/testapps/CpuApp.spin") - seconds) <= 0.5;
        return fits ? null : "seconds=" + seconds + " answered in " + took + " s:\n" + top;
    }

    /** go tool pprof -top's Duration line, in seconds. */
    private static double duration(String top) {
        Matcher m = Pattern.compile("Duration: ([0-9.]+)(ms|s),").matcher(top);
        assertTrue(m.find(), top);
        return Double.parseDouble(m.group(1)) / (m.group(2).equals("ms") ? 1000 : 1);
    }

    /** The flat time of frame in go tool pprof -top -unit=s. */
    private static double flatSeconds(String top, String frame) {
        for (String line : top.split("\n")) {
            if (line.endsWith("  " + frame)) {
                return Double.parseDouble(line.strip().split("\\s+")[0].replace("s", ""));
            }
        }
        throw new AssertionError("no row for " + frame + ":\n" + top);
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
