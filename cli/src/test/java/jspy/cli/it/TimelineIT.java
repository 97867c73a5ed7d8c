package jspy.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jspy.cli.profile.Bucket;
import jspy.flamegraph.Cdp;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The timeline page of a real JVM (PhasesApp: phases-worker spins 2 s, then blocks 2 s in a socket
 * read, and again), recorded by the built CLI with -o x.html on JDK 17 and 25: the alternation is
 * in the JSON and in the lane as Chromium paints it, and a brush over one phase gives a flame
 * graph of that phase's bucket alone.
 */
class TimelineIT {
    private static final String WORKER = "phases-worker";

    @TempDir
    Path dir;

    static List<Integer> jdks() {
        return Jdks.required();
    }

    /** A phase of the worker: consecutive runs of one bucket, [start, end) in ms. */
    record Phase(String bucket, long start, long end) {
        long middle() {
            return (start + end) / 2;
        }
    }

    /** The worker's runs merged by bucket (a cpu phase is many runs: its stack changes). */
    static List<Phase> phases(JsonNode data) {
        JsonNode worker = null;
        for (JsonNode t : data.get("threads")) {
            worker = t.get("name").asText().equals(WORKER) ? t : worker;
        }
        assertTrue(worker != null, "no " + WORKER + " lane");
        List<Phase> out = new ArrayList<>();
        for (JsonNode r : worker.get("runs")) {
            String bucket = data.get("buckets").get(r.get(2).asInt()).get("name").asText();
            Phase last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && last.bucket().equals(bucket) && r.get(0).asLong() <= last.end()) {
                out.set(out.size() - 1, new Phase(bucket, last.start(), r.get(1).asLong()));
            } else {
                out.add(new Phase(bucket, r.get(0).asLong(), r.get(1).asLong()));
            }
        }
        return out;
    }

    /**
     * The phases as a person sees them in the lane: a gap without samples between two pieces of
     * one bucket is no change (at load 40 a JFR target went 0.8 s without an execution sample),
     * and a few ms of another bucket at a switch are no phase (the socket write took a lock for
     * 11 ms once).
     */
    static List<Phase> asSeen(List<Phase> phases) {
        return joined(joined(phases, 0), 300);
    }

    private static List<Phase> joined(List<Phase> phases, long shortest) {
        List<Phase> out = new ArrayList<>();
        for (Phase p : phases) {
            Phase last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && last.bucket().equals(p.bucket())) {
                out.set(out.size() - 1, new Phase(p.bucket(), last.start(), p.end()));
            } else if (p.end() - p.start() >= shortest) {
                out.add(p);
            }
        }
        return out;
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void aThreadAlternatingCpuAndSocketShowsItInTheJsonAndTheLane(int jdk) throws Exception {
        Path html = dir.resolve("phases.html");
        try (TargetApp app = TargetApp.start(jdk, "PhasesApp", dir)) {
            JspyRun run = JspyRun.run(dir, 90, "record", "-p", Long.toString(app.pid()), "-d", "11", "-o", html.toString());
            assertEquals(0, run.exitCode(), run.stderr());
            assertTrue(run.stderr().contains("Wrote timeline to"), run.stderr());
            assertEquals("", app.printed(), "the target printed something");
        }
        String page = Files.readString(html);
        assertFalse(java.util.regex.Pattern.compile("(src|href)\\s*=\\s*[\"']?(https?:)?//|url\\(|@import").matcher(page).find(),
                "self-contained: nothing fetched from elsewhere");
        JsonNode data = TimelinePage.data(html);
        List<Phase> phases = phases(data);
        List<Phase> seen = asSeen(phases); // the first and last are cut by the recording
        List<Phase> inner = seen.subList(1, seen.size() - 1);
        assertTrue(inner.size() >= 3, "at least three whole phases in 11 s: " + phases);
        for (int i = 0; i < inner.size(); i++) {
            Phase p = inner.get(i);
            assertTrue(p.bucket().equals("cpu") || p.bucket().equals("socket"), phases.toString());
            assertTrue(i == 0 || !p.bucket().equals(inner.get(i - 1).bucket()), "alternating: " + phases);
            assertTrue(p.end() - p.start() >= 1500 && p.end() - p.start() <= 2500, "about 2 s each: " + phases);
        }
        assertSocketRunsNameThePeer(data);

        try (Cdp browser = Cdp.launch()) {
            TimelinePage tab = new TimelinePage(browser);
            tab.open(html, "");
            for (Phase p : inner) {
                String expected = p.bucket().equals("cpu") ? Bucket.CPU.color() : Bucket.SOCKET.color();
                assertEquals(expected, tab.laneColour(WORKER, p.middle()), "the lane at " + p.middle() + " ms: " + phases);
            }
            tab.shot("timeline-phases-jdk" + jdk);
            tab.clickRow(WORKER);
            for (Phase p : inner.subList(0, 2)) {
                tab.brush(WORKER, p.middle() - 400, p.middle() + 400);
                assertEquals(List.of(p.bucket() + " 100.0%"), tab.legend(), "a brush over the " + p.bucket() + " phase");
                String only = p.bucket().equals("cpu") ? "jspy/testapps/PhasesApp.spin" : "sun/nio/ch/SocketDispatcher.read0";
                String never = p.bucket().equals("cpu") ? "sun/nio/ch/SocketDispatcher.read0" : "jspy/testapps/PhasesApp.spin";
                assertTrue(tab.frames().contains(only), tab.frames().toString());
                assertFalse(tab.frames().contains(never), tab.frames().toString());
            }
        }
    }

    /**
     * jspy flamegraph converts a JFR recording to the page: the JDK's (its socket waits are native
     * method samples) and async-profiler's (wall-clock, batched), both with per-event times.
     */
    @org.junit.jupiter.api.Test
    void jfrRecordingsBecomeTimelines() throws Exception {
        Path lib = dir.resolve("libasyncProfiler.so");
        try (java.util.zip.ZipFile jar = new java.util.zip.ZipFile(System.getProperty("jspy.jar"));
             java.io.InputStream in = jar.getInputStream(jar.getEntry("jspy/embedded/linux-x64/libasyncProfiler.so"))) {
            Files.copy(in, lib);
        }
        Path jdk = dir.resolve("jdk.jfr");
        Path ap = dir.resolve("ap.jfr");
        try (TargetApp a = TargetApp.start(17, "PhasesApp", dir, "-XX:StartFlightRecording:duration=9s,settings=profile,"
                + "filename=" + jdk);
             TargetApp b = TargetApp.start(25, "PhasesApp", dir, "-agentpath:" + lib
                     + "=start,event=wall,interval=10ms,threads,timeout=9,file=" + ap)) {
            Thread.sleep(11_000); // both stop by themselves after 9 s, and write their files
        }
        for (Path jfr : List.of(jdk, ap)) {
            Path html = dir.resolve(jfr.getFileName() + ".html");
            JspyRun run = JspyRun.run(dir, 60, "flamegraph", jfr.toString(), "-o", html.toString());
            assertEquals(0, run.exitCode(), run.stderr());
            List<Phase> phases = phases(TimelinePage.data(html));
            List<String> buckets = asSeen(phases).stream().filter(p -> p.end() - p.start() >= 1000).map(Phase::bucket).toList();
            assertTrue(buckets.size() >= 3 && java.util.stream.IntStream.range(1, buckets.size())
                    .allMatch(i -> !buckets.get(i).equals(buckets.get(i - 1))), jfr.getFileName() + ": " + phases);
            assertTrue(buckets.stream().allMatch(k -> k.equals("cpu") || k.equals("socket")), jfr.getFileName() + ": " + phases);
        }
    }

    /** serve's index links each JVM's timeline beside its flame graph; the link opens the page. */
    @org.junit.jupiter.api.Test
    void serveLinksATimelineThatOpensInTheBrowser() throws Exception {
        try (TargetApp app = TargetApp.start(17, "PhasesApp", dir);
             ServeProcess serve = ServeProcess.start(dir, "-p", Long.toString(app.pid()))) {
            serve.await("attach", () -> serve.stderrHas("sampling JVM " + app.pid()), 60);
            String index = serve.get("/").body();
            java.util.regex.Matcher link = java.util.regex.Pattern.compile("<a href=\"([^\"]*format=html[^\"]*)\">([^<]*)</a>")
                    .matcher(index);
            assertTrue(link.find(), index);
            assertEquals("10 s timeline", link.group(2));
            assertTrue(index.indexOf("format=svg") < link.start(), "beside the flame graph's link: " + index);
            String href = link.group(1).replace("&amp;", "&");
            assertEquals("/profile?seconds=10&format=html&pid=" + app.pid(), href);
            assertEquals("text/html; charset=utf-8", serve.get(href.replace("seconds=10", "seconds=1")).headers()
                    .firstValue("Content-Type").orElse(""));
            try (Cdp browser = Cdp.launch()) {
                TimelinePage tab = new TimelinePage(browser);
                tab.open(serve.url(href), java.time.Duration.ofSeconds(40));
                assertTrue(tab.rows().contains(WORKER), tab.rows().toString());
                // How much of the 10 s serve's windows (5 s each) cover is serve's business: once 5.1 s.
                long dur = tab.eval("dur").asLong();
                assertTrue(dur >= 4000, "seconds of samples: " + dur);
                // The worker's lane is drawn in its buckets' colours. One point could fall between two
                // phases or sampled moments (it failed once at the middle): five points, one must show them.
                List<String> seen = new java.util.ArrayList<>();
                for (int i = 1; i <= 5; i++) {
                    seen.add(tab.laneColour(WORKER, dur * i / 6.0));
                }
                assertTrue(seen.stream().anyMatch(List.of(Bucket.CPU.color(), Bucket.SOCKET.color())::contains),
                        "the worker's lane at 1/6 .. 5/6: " + seen);
                tab.shot("timeline-serve");
            }
            assertEquals(0, serve.terminate(), serve.run.stderr());
        }
    }

    /**
     * Launch mode writes one page for the command's JVMs (ForkApp and the child it starts): each
     * JVM is a group of its own, and each worker's row sits under its own JVM's group.
     */
    @org.junit.jupiter.api.Test
    void launchModeWritesOnePageWithAGroupPerJvm() throws Exception {
        Path html = dir.resolve("launch.html");
        JspyRun jspy = JspyRun.start(dir, "record", "-o", html.toString(), "--", Jdks.java(17).toString(),
                "-cp", System.getProperty("jspy.testapps.classpath"), "jspy.testapps.ForkApp", "3", "0");
        try (java.io.OutputStream stdin = jspy.process.getOutputStream()) {
            stdin.write("hi\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        assertEquals(0, jspy.await(60), jspy.stderr());
        Map<String, String> jvmOf = new java.util.HashMap<>();
        for (JsonNode t : TimelinePage.data(html).get("threads")) {
            jvmOf.put(t.get("name").asText(), t.get("process").asText());
        }
        String parent = jvmOf.get("fork-parent-worker");
        String child = jvmOf.get("fork-child-worker");
        assertTrue(parent != null && child != null && parent.matches("pid \\d+: .*") && !parent.equals(child),
                "each worker in its own JVM: " + parent + " / " + child);
        try (Cdp browser = Cdp.launch()) {
            TimelinePage tab = new TimelinePage(browser);
            tab.open(html, "");
            List<String> rows = tab.rows();
            assertEquals(2, rows.stream().filter(r -> r.matches("pid \\d+: .*")).count(), rows.toString());
            for (String worker : List.of("fork-parent-worker", "fork-child-worker")) {
                int at = rows.indexOf(worker);
                assertTrue(at > 0, worker + " is a row: " + rows);
                String group = null;
                for (int i = at - 1; group == null && i >= 0; i--) {
                    group = rows.get(i).matches("pid \\d+: .*") ? rows.get(i) : null;
                }
                assertEquals(jvmOf.get(worker), group, worker + " under its JVM: " + rows);
            }
            tab.shot("timeline-launch");
        }
    }

    /** The wait targets' 5th run element: the worker's socket phases wait on its local server. */
    private static void assertSocketRunsNameThePeer(JsonNode data) {
        Map<String, Integer> seen = new java.util.TreeMap<>();
        for (JsonNode t : data.get("threads")) {
            if (t.get("name").asText().equals(WORKER)) {
                for (JsonNode r : t.get("runs")) {
                    if (data.get("buckets").get(r.get(2).asInt()).get("name").asText().equals("socket")) {
                        seen.merge(r.size() > 4 ? data.get("targets").get(r.get(4).asInt()).asText() : "(none)", 1, Integer::sum);
                    }
                }
            }
        }
        assertTrue(seen.keySet().stream().anyMatch(k -> k.matches("peer 127\\.0\\.0\\.1:\\d+")), "socket runs' targets: " + seen);
    }
}
