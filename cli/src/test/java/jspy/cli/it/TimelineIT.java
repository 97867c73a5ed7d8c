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
        List<Phase> inner = phases.subList(1, phases.size() - 1); // the first and last are cut by the recording
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
