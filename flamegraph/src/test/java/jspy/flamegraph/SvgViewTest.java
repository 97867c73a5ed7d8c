package jspy.flamegraph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reader's controls in a real headless Chromium: legend, tooltips, callers view, search field,
 * resizing and short names. Screenshots with -Djspy.shots=DIR.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SvgViewTest {
    private static final String DOT = " \u00b7 ";
    private static Cdp browser;
    private Page page;

    @TempDir
    java.nio.file.Path dir;

    @BeforeAll
    static void start() throws Exception {
        browser = Cdp.launch();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void page() {
        page = new Page(browser);
        page.resize(1400, 900);
    }

    /** SvgFlameGraphTest's sample (cpu 200, lock 100) plus 600 io samples hidden at first, at 100 Hz. */
    private void openSample(String fragment) throws Exception {
        FlameTree tree = SvgFlameGraphTest.sample();
        tree.add(List.of("[pool tid=3]", "java/util/concurrent/LinkedBlockingQueue.take"), 2, 600);
        SvgOptions options = SvgFlameGraphTest.OPTIONS.withHidden(Set.of("io")).withRate(100)
                .withNotes(List.of("rate lowered to 20 Hz: 500 threads"));
        page.open(dir, Page.svg(tree, options, null), fragment);
    }

    @Test
    void legendHidesAndShowsBucketsAndTheWidthsFollow() throws Exception {
        openSample("");
        double full = page.full();
        assertEquals(0, page.width("[pool tid=3]"), "io hidden at first");
        assertEquals(full * 150 / 300, page.width("Foo.bar"), 0.5);
        assertEquals("600 io samples hidden (click the legend to show them)" + DOT + "rate lowered to 20 Hz: 500 threads",
                page.text("notes"));
        assertEquals("io (hidden)", page.text("legend").replaceAll(".*%", ""));
        page.shot("after-flamegraph");

        page.clickLegend("lock");
        assertEquals(full * 150 / 200, page.width("Foo.bar"), 0.5, "lock's samples left the widths");
        assertEquals(full * 50 / 200, page.width("Foo.baz"), 0.5, "Foo.baz keeps its cpu samples");
        assertEquals(0, page.width("Work.run"), "lock only: gone");
        assertTrue(page.text("notes").startsWith("700 lock and io samples hidden"), page.text("notes"));

        page.clickLegend("io");
        assertEquals(full * 600 / 800, page.width("[pool tid=3]"), 0.5, "idle-like bucket turned on");
        page.clickLegend("lock");
        assertEquals(full * 150 / 900, page.width("Foo.bar"), 0.5);
        assertEquals("rate lowered to 20 Hz: 500 threads", page.text("notes"));
        assertTrue(page.text("legend").contains("io 66.7%"), page.text("legend"));
        page.shot("after-legend-io-shown");
    }

    @Test
    void tooltipGivesTheBucketMixSamplesAndTime() throws Exception {
        openSample("");
        assertEquals("java/lang/Thread.run: cpu 89% lock 11%" + DOT + "225 samples (75.00%)" + DOT + "2.25 s",
                page.hover("java/lang/Thread.run"));
        assertEquals("Work.run: lock 100%" + DOT + "75 samples (25.00%)" + DOT + "0.75 s", page.hover("Work.run"));
        page.clickLegend("lock");
        assertEquals("java/lang/Thread.run: cpu 100%" + DOT + "200 samples (100.00%)" + DOT + "2.00 s",
                page.hover("java/lang/Thread.run"));
        page.key("n", "KeyN", 78, 0);
        assertTrue(page.hover("java/lang/Thread.run").startsWith("Thread.run: cpu 100%"), "short names in tooltips");
    }

    @Test
    void keyAndButtonToggleTheCallersView() throws Exception {
        openSample("");
        double full = page.full();
        double flameY = page.rect("Foo.bar").get(1).asDouble();
        assertTrue(flameY < page.rect("all").get(1).asDouble(), "flame graph: the root at the bottom");
        page.key("i", "KeyI", 73, 0);
        assertEquals("[x] Inverted (i)", page.text("invert"));
        // Callers: the leaves on top (row 1), their callers below them.
        double top = page.rect("all").get(1).asDouble();
        assertEquals(top + 16, page.rect("Foo.bar").get(1).asDouble(), 0.5, "a leaf right under the root");
        assertEquals(top + 32, page.rect("java/lang/Thread.run").get(1).asDouble(), 0.5, "its caller under it");
        assertTrue(top < page.rect("Foo.bar").get(1).asDouble(), "icicle: the root on top, drawn downwards");
        assertEquals(full * 150 / 300, page.width("Foo.bar"), 0.5);
        assertEquals(full * 150 / 300, page.width("java/lang/Thread.run"), 0.5, "Foo.bar's caller");
        assertEquals(2, page.eval("[...document.querySelectorAll('#callers g.frame')].filter(g => "
                + "names[g.getAttribute('data-name')] === 'java/lang/Thread.run').length").asInt(), "one per callee");
        assertEquals(full * 75 / 300, page.width("Work.run"), 0.5);
        page.shot("after-inverted");
        page.clickFrame("Foo.bar");
        assertEquals(full, page.width("java/lang/Thread.run"), 0.5, "zoomed to Foo.bar: its callers fill the width");
        assertEquals(0, page.width("Work.run"));
        page.clickControl("#reset");

        page.clickLegend("lock");
        assertEquals(0, page.width("Work.run"), "legend applies to callers too");
        assertEquals(full * 150 / 200, page.width("Foo.bar"), 0.5);
        page.clickLegend("lock");
        page.clickControl("#invert");
        assertEquals("[ ] Inverted (i)", page.text("invert"));
        assertEquals(flameY, page.rect("Foo.bar").get(1).asDouble(), 0.5, "back to the flame graph");
    }

    @Test
    void searchFieldAndUrlFragmentLeaveCtrlFToTheBrowser() throws Exception {
        openSample("#search=Foo%5C.ba%5Brz%5D");
        assertEquals("Foo\\.ba[rz]", page.eval("document.getElementById('term').value").asText());
        assertEquals("Matched: 75.0%", page.text("matched"));
        assertEquals("#e040e0", page.rect("Foo.bar").get(5).asText());
        page.shot("after-search");

        page.eval("window.addEventListener('keydown', e => { window.prevented = e.defaultPrevented; })");
        page.key("f", "KeyF", 70, 2);
        assertFalse(page.eval("window.prevented").asBoolean(), "Ctrl-F is the browser's");
        assertFalse(page.eval("(document.activeElement || {}).id === 'term'").asBoolean());

        page.key("Escape", "Escape", 27, 0);
        assertEquals(" ", page.text("matched"));
        page.key("/", "Slash", 191, 0);
        assertTrue(page.eval("(document.activeElement || {}).id === 'term'").asBoolean(), "/ focuses the field");
        page.type("Thread|bar"); // Thread.run (225) holds Foo.bar (150): counted once
        assertEquals("Matched: 75.0%", page.text("matched"));
        assertEquals("#search=Thread%7Cbar", page.eval("location.hash").asText(), "the URL can be shared");
        page.type("(");
        assertEquals("Invalid regex: Thread|bar(", page.text("matched"));
        page.eval("document.getElementById('term').select()");
        page.type("Work");
        assertEquals("Matched: 25.0%", page.text("matched"));
        page.key("i", "KeyI", 73, 0);
        assertEquals("[ ] Inverted (i)", page.text("invert"), "typing i in the field only types");
    }

    @Test
    void fillsTheWindowAndRelaysOutOnResize() throws Exception {
        FlameTree tree = SvgFlameGraphTest.sample();
        tree.add(List.of("[pool tid=3]", "java/util/concurrent/LinkedBlockingQueue.take"), 2, 600);
        String title = "jspy - pid 13727 - /usr/lib/jvm/java-17-openjdk-amd64/bin/java -jar /work/test-apps/demo.jar"
                + " - JDK 17.0.15 - 3 JVMs";
        page.open(dir, Page.svg(tree, new SvgOptions(title, "s", 1200, 0.1).withHidden(Set.of("io")), null), "");
        assertEquals(1400 - 20, page.full(), 20, "full width, not the written 1200");
        assertEquals(page.full() / 2, page.width("Foo.bar"), 0.5);
        page.resize(800, 600);
        assertEquals(780, page.full(), 1);
        // Chromium delivers resize events with the next frame it renders: wait for it.
        page.await("Math.abs(document.querySelector('#flame g.frame rect').getBoundingClientRect().width - 780) < 1");
        assertEquals(390, page.width("Foo.bar"), 1);
        double searchRight = page.eval("document.getElementById('searchbox').getBoundingClientRect().right").asDouble();
        assertTrue(searchRight <= 800 && searchRight > 700, "search field follows the right edge: " + searchRight);
        String clear = "(() => { const t = document.getElementById('title').getBoundingClientRect();"
                + " return ['short', 'searchbox'].every(id => { const r = document.getElementById(id).getBoundingClientRect();"
                + " return t.right < r.left || r.right < t.left; }); })()";
        assertTrue(page.eval(clear).asBoolean(), "a long title is shortened between the controls and the field");
        String shown = page.text("title");
        assertTrue(shown.startsWith("jspy - pid 1") && shown.contains("\u2026") && shown.endsWith(" - 3 JVMs"),
                "shortened in the middle, where a launched command's long line is: " + shown);
        assertEquals(title, page.eval("document.title").asText(), "whole in the tab's name");
        page.resize(1800, 900);
        page.await("Math.abs(document.querySelector('#flame g.frame rect').getBoundingClientRect().width - 1780) < 1");
        assertEquals(890, page.width("Foo.bar"), 1);
        assertTrue(page.eval(clear).asBoolean());
        assertEquals(title, page.text("title"), "room for all of it now");
    }

    @Test
    void shortNamesToggleByKeyAndButtonAndStartFromTheOption() throws Exception {
        openSample("");
        assertEquals("java/lang/Thread.run", page.rect("java/lang/Thread.run").get(6).asText());
        page.key("n", "KeyN", 78, 0);
        assertEquals("Thread.run", page.rect("java/lang/Thread.run").get(6).asText());
        assertEquals("[x] Short names (n)", page.text("short"));
        page.clickControl("#short");
        assertEquals("java/lang/Thread.run", page.rect("java/lang/Thread.run").get(6).asText());

        page.open(dir, Page.svg(SvgFlameGraphTest.sample(), SvgFlameGraphTest.OPTIONS.withShortNames(true), null), "");
        assertEquals("Thread.run", page.rect("java/lang/Thread.run").get(6).asText());
    }
}
