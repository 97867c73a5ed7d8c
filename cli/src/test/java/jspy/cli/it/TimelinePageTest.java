package jspy.cli.it;

import static jspy.cli.output.TimelineFixture.thread;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import jspy.cli.output.TimelineFixture;
import jspy.cli.profile.Bucket;
import jspy.cli.profile.WaitTarget;
import jspy.flamegraph.Cdp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The timeline page (record -f html) of hand-made recordings, in a real headless Chromium, used
 * as a person would: sort, filter, expand, brush, click, hover and open links. TimelineIT does the
 * same with a real JVM's recording.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TimelinePageTest {
    private static final String RUN = "java/lang/Thread.run";
    private static final WaitTarget PEER = WaitTarget.peer("10.0.0.5:5432");
    private static Cdp browser;
    /** Every dialog and uncaught exception of the page; there should be none. */
    private static final List<String> problems = new CopyOnWriteArrayList<>();
    private TimelinePage page;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        browser = Cdp.launch();
        browser.on("Page.javascriptDialogOpening", d -> {
            problems.add("dialog: " + d.path("message").asText());
            browser.send("Page.handleJavaScriptDialog", Map.of("accept", true));
        });
        browser.on("Runtime.exceptionThrown", e -> problems.add("exception: " + e.path("exceptionDetails")));
        browser.call("Runtime.enable", Map.of());
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void page() {
        page = new TimelinePage(browser);
        problems.clear();
    }

    @AfterEach
    void noProblems() {
        assertEquals(List.of(), problems, "the page raised dialogs or exceptions");
    }

    /** worker-1 alternates 1 s of cpu and 1 s of socket for 4 s; a server sleeps throughout. */
    private Path alternating() throws Exception {
        TimelineFixture f = new TimelineFixture(100);
        for (int s = 0; s < 4; s += 2) {
            f.every(thread("worker-1", 11), s * 1000, s * 1000 + 1000, Bucket.CPU, null, RUN, "com/acme/Spin.spin");
            f.asleep(thread("worker-1", 11), s * 1000 + 1000, s * 1000 + 2000, Bucket.SOCKET, PEER, RUN,
                    "sun/nio/ch/Net.read");
        }
        f.asleep(thread("server", 12), 0, 4000, Bucket.IDLE, null, RUN, "java/lang/Thread.sleep");
        return TimelineFixture.write(f.profile(4), dir.resolve("alternating.html"));
    }

    @Test
    void theLaneShowsEachPhaseInItsBucketsColour() throws Exception {
        page.open(alternating(), "");
        for (int s = 0; s < 4; s++) {
            assertEquals(s % 2 == 0 ? Bucket.CPU.color() : Bucket.SOCKET.color(), page.laneColour("worker-1", s * 1000 + 500),
                    "worker-1 at " + (s + 0.5) + " s");
        }
        assertEquals(List.of("worker-1", "server"), page.rows(), "busiest first");
        assertTrue(page.text("#names .row .meta").endsWith("100%"), "worker-1 is busy throughout");
        page.shot("timeline-alternating");
    }

    @Test
    void aBrushOverOnePhaseGivesAFlameGraphOfThatPhaseOnly() throws Exception {
        page.open(alternating(), "");
        assertEquals(List.of("cpu 50.0%", "socket 50.0%", "idle (hidden)"), page.legend());
        page.brush("worker-1", 1100, 1900);
        assertEquals(List.of("socket 100.0%", "idle (hidden)"), page.legend());
        assertTrue(page.frames().contains("sun/nio/ch/Net.read"), page.frames().toString());
        assertFalse(page.frames().contains("com/acme/Spin.spin"), page.frames().toString());
        assertTrue(page.frames().contains("[peer 10.0.0.5:5432]"), "the socket waits split by peer: " + page.frames());
        assertTrue(page.text("#status").startsWith("Flame graph of 1.10 s to 1.90 s"), page.text("#status"));
        assertTrue(page.eval("location.hash").asText().matches("#range=1\\.(09|1)\\d*-1\\.(89|9)\\d*"),
                "the link follows the selection: " + page.eval("location.hash").asText());

        page.brush("worker-1", 2100, 2900);
        assertEquals(List.of("cpu 100.0%", "idle (hidden)"), page.legend());
        assertTrue(page.frames().contains("com/acme/Spin.spin"), page.frames().toString());
        assertFalse(page.frames().contains("sun/nio/ch/Net.read"), page.frames().toString());
    }

    @Test
    void theUrlFragmentAppliesARangeAndThreadsOnLoad() throws Exception {
        Path html = alternating();
        page.open(html, "#range=2.25-2.75&threads=" + java.net.URLEncoder.encode("^work", "UTF-8"));
        assertEquals("^work", page.eval("document.getElementById('filter').value").asText());
        assertEquals(List.of("worker-1"), page.rows());
        assertEquals(List.of("cpu 100.0%"), page.legend(), "only worker-1's cpu phase: the server is filtered out");
        double left = page.eval("document.getElementById('brush').getBoundingClientRect().left").asDouble();
        double width = page.eval("document.getElementById('brush').getBoundingClientRect().width").asDouble();
        assertEquals(page.x(2250), left, 1.5, "the brush starts at 2.25 s");
        assertEquals(page.x(2750) - page.x(2250), width, 1.5);

        page.eval("location.hash = '#threads=server'"); // a link followed within the page: no reload
        page.settle();
        assertEquals(List.of("server"), page.rows());
        assertEquals("none", page.eval("getComputedStyle(document.getElementById('brush')).display").asText());
    }

    /** Twelve pool workers, a busy writer, an idle and a half-busy thread, three virtual threads. */
    private Path service() throws Exception {
        TimelineFixture f = new TimelineFixture(100);
        for (int i = 1; i <= 12; i++) {
            String t = thread("http-nio-8080-exec-" + i, 100 + i);
            f.every(t, 0, i * 100, Bucket.JDBC, PEER, RUN, "org/postgresql/jdbc/PgStatement.execute");
            f.asleep(t, i * 100, 4000, Bucket.IDLE, null, RUN, "java/util/concurrent/LinkedBlockingQueue.take");
        }
        f.every(thread("db-writer", 2), 0, 3600, Bucket.IO, null, RUN, "java/io/FileOutputStream.write");
        f.asleep(thread("db-writer", 2), 3600, 4000, Bucket.IDLE, null, RUN, "java/lang/Thread.sleep");
        f.asleep(thread("alpha", 3), 0, 4000, Bucket.IDLE, null, RUN, "java/lang/Thread.sleep");
        f.asleep(thread("zeta", 4), 0, 2000, Bucket.LOCK, WaitTarget.lock("com.acme.Ledger", "db-writer"), RUN,
                "com/acme/Ledger.post");
        f.every(thread("zeta", 4), 2000, 4000, Bucket.CPU, null, RUN, "com/acme/Ledger.sum");
        for (int v = 1; v <= 3; v++) {
            f.every("[ tid=" + (900 + v) + " virtual]", 0, 4000, Bucket.CPU, null, "com/acme/Task.run");
        }
        return TimelineFixture.write(f.profile(4), dir.resolve("service.html"));
    }

    @Test
    void sortingFilteringAndGroupsChangeTheRowsAsShown() throws Exception {
        page.open(service(), "");
        List<String> busy = page.rows();
        assertEquals(List.of("virtual threads", "zeta", "db-writer", "http-nio-8080-exec-*", "alpha"), busy,
                "threads grouped by name pattern and virtual threads, busiest first (waiting on a lock is busy)");

        page.choose("sort", "name");
        assertEquals(List.of("alpha", "db-writer", "http-nio-8080-exec-*", "virtual threads", "zeta"), page.rows());

        page.choose("sort", "first");
        assertEquals(List.of("virtual threads", "http-nio-8080-exec-*", "zeta", "db-writer", "alpha"), page.rows(),
                "by the bucket each starts in, in bucket order: cpu, jdbc, lock, io, idle");

        page.toggleGroup("http-nio-8080-exec-*");
        page.choose("sort", "name");
        List<String> expanded = page.rows();
        assertEquals(List.of("alpha", "db-writer", "http-nio-8080-exec-*", "http-nio-8080-exec-1", "http-nio-8080-exec-2"),
                expanded.subList(0, 5), "members under their group, numbers in numeric order");
        assertEquals("http-nio-8080-exec-12", expanded.get(expanded.indexOf("http-nio-8080-exec-*") + 12));
        page.shot("timeline-groups");
        page.toggleGroup("http-nio-8080-exec-*");
        assertEquals(5, page.rows().size(), "collapsed again");

        page.clickOn("#filter");
        page.type("exec-1");
        assertEquals(List.of("http-nio-8080-exec-*"), page.rows(), "the group stays, holding only the matching threads");
        assertTrue(page.text("#names .row .meta").startsWith("4 \u00d7"), "exec-1, -10, -11, -12: " + page.text("#names .row .meta"));
        assertEquals("4 of 18 threads", page.text("#count"));
        assertEquals(List.of("jdbc 100.0%", "idle (hidden)"), page.legend());
    }

    @Test
    void clickingAGroupPicksItsThreadsForTheFlameGraph() throws Exception {
        page.open(service(), "");
        page.clickRow("virtual threads");
        assertEquals(List.of("cpu 100.0%"), page.legend());
        assertTrue(page.frames().contains("com/acme/Task.run"), page.frames().toString());
        assertFalse(page.frames().contains("java/io/FileOutputStream.write"), page.frames().toString());
        assertEquals(1, page.eval("document.querySelectorAll('#names .row.selected').length").asInt());

        page.clickRow("virtual threads"); // again: back to every thread
        assertTrue(page.frames().contains("java/io/FileOutputStream.write"), page.frames().toString());

        page.clickRow("http-nio-8080-exec-*");
        assertEquals("#threads=^http-nio-8080-exec-\\d+$", page.eval("decodeURIComponent(location.hash)").asText(),
                "a link to the group");
    }

    @Test
    void hoveringAWaitNamesItsPeerAndLanesColourByTarget() throws Exception {
        page.open(service(), "");
        double[] at = {page.x(500), page.eval("(() => { const e = [...document.querySelectorAll('#names .row .name')]"
                + ".find(e => e.textContent === 'zeta'); const r = e.getBoundingClientRect(); return r.y + r.height / 2; })()")
                .asDouble()};
        browser.move(at[0], at[1]);
        String tip = page.text("#tip");
        assertTrue(tip.startsWith("zeta \u00b7 0.50 s \u00b7 lock \u00b7 Ledger held by db-writer"), tip);
        assertTrue(tip.contains("com/acme/Ledger.post"), tip);

        String byBucket = page.laneColour("zeta", 500);
        assertEquals(Bucket.LOCK.color(), byBucket);
        page.choose("colour", "target");
        assertNotEquals(byBucket, page.laneColour("zeta", 500), "coloured by its lock");
        assertTrue(page.legend().get(0).startsWith("peer 10.0.0.5:5432") || page.legend().get(0).startsWith("Ledger held by"),
                page.legend().toString());
        assertTrue(page.legend().stream().anyMatch(l -> l.startsWith("Ledger held by db-writer 2.00 s")), page.legend().toString());
        page.shot("timeline-targets");
    }

    /** Launch mode: one page, a group per JVM, open, each holding its own threads. */
    @Test
    void aGroupPerJvm() throws Exception {
        TimelineFixture f = new TimelineFixture(100).process("pid 101: com.acme.Api")
                .every(thread("main", 1), 0, 1000, Bucket.CPU, null, RUN, "com/acme/Api.serve")
                .process("pid 202: com.acme.Batch")
                .every(thread("main", 1), 0, 1000, Bucket.IO, null, RUN, "com/acme/Batch.write");
        page.open(TimelineFixture.write(f.profile(1), dir.resolve("launch.html")), "");
        page.choose("sort", "name");
        assertEquals(List.of("pid 101: com.acme.Api", "main", "pid 202: com.acme.Batch", "main"), page.rows());
        page.clickRow("pid 202: com.acme.Batch");
        assertEquals(List.of("io 100.0%"), page.legend());
        assertTrue(page.frames().contains("pid 202: com.acme.Batch"), "the flame graph's root names the JVM");
    }

    @Test
    void hostileNamesStayText() throws Exception {
        String name = "</script><img src=x onerror=alert(1)>";
        TimelineFixture f = new TimelineFixture(100).every(thread(name, 5), 0, 500, Bucket.CPU, null, "<b>Foo.bar</b>");
        page.open(TimelineFixture.write(f.profile(0.5), dir.resolve("hostile.html")), "");
        assertEquals(List.of(name), page.rows());
        assertTrue(page.frames().contains("<b>Foo.bar</b>"), page.frames().toString());
        assertEquals(0, page.eval("document.querySelectorAll('img, #graph b').length").asInt());
    }

    @Test
    void theResourceAloneIsAValidEmptyPage() throws Exception {
        Path html = dir.resolve("empty.html");
        try (var in = jspy.cli.output.HtmlFormat.class.getResourceAsStream("timeline.html")) {
            java.nio.file.Files.write(html, in.readAllBytes());
        }
        page.open(html, "");
        assertEquals("block", page.eval("getComputedStyle(document.getElementById('empty')).display").asText());
        assertEquals(List.of(), page.rows());
    }

    @Test
    void aThousandThreadsOpenGroupedAndExpand() throws Exception {
        TimelineFixture f = new TimelineFixture(21.6);
        for (int i = 0; i < 1000; i++) {
            f.asleep(thread("idle-" + i, 1000 + i), 0, 60_000, Bucket.IDLE, null, RUN, "java/lang/Thread.sleep");
        }
        for (int i = 0; i < 4; i++) {
            f.every(thread("busy-" + i, 10 + i), 0, 60_000, Bucket.CPU, null, RUN, "com/acme/Spin.spin");
        }
        page.open(TimelineFixture.write(f.profile(60), dir.resolve("thousand.html")), "");
        assertEquals(List.of("busy-*", "idle-*"), page.rows());
        assertEquals("1004 of 1004 threads", page.text("#count"));
        page.toggleGroup("idle-*");
        assertEquals(1002, page.rows().size());
        assertNotEquals("none", page.laneColour("idle-999", 30_000), "the last lane, scrolled to, is painted");
        assertEquals(Bucket.CPU.color(), page.laneColour("busy-*", 30_000), "the group's lane: its threads' shares");
    }
}
