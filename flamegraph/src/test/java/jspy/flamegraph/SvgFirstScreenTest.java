package jspy.flamegraph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first screen of a graph with one thin tower far deeper than the rest, as a JVM recorded in
 * its first seconds has (issue 23: a C2 compiler stack 150 frames deep pushed the graph 2,900 px
 * down). In a 1280x800 window the header, the root and the wide frames must be in sight, and the
 * tower a scroll away. Screenshots with -Djspy.shots=DIR.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SvgFirstScreenTest {
    static final int TOWER = 150;
    static final String TIP = "Node::visit" + (TOWER - 1);
    /**
     * Rows the 800 px window leaves out at first: the view has 154 (root, thread, two C2 frames and
     * the tower) of 16 px, 2,464 px between the 100 px header and the 34 px line below; 666 px show.
     */
    static final int HIDDEN = (int) Math.ceil((154 * 16 - (800 - 100 - 34)) / 16.0);
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
        page.resize(1280, 800);
    }

    /** Folded lines: a wide shallow graph (1,150 samples) and a C2 thread 153 frames deep (5 samples). */
    static List<String> folded() {
        StringBuilder tower = new StringBuilder("[C2 CompilerThread0 tid=9];thread_native_entry;Compile::Compile");
        for (int i = 0; i < TOWER; i++) {
            tower.append(";Node::visit").append(i);
        }
        return List.of("[main tid=1];java/lang/Thread.run;com/acme/App.main;com/acme/App.work 600",
                "[main tid=1];java/lang/Thread.run;com/acme/App.main;com/acme/App.parse 300",
                "[worker tid=2];java/lang/Thread.run;com/acme/Worker.loop 250",
                tower + " 5");
    }

    /** The folded lines as a tree: the tower is io, the rest cpu. */
    static FlameTree tree() {
        FlameTree tree = new FlameTree(FlameTreeTest.CATEGORIES);
        for (String line : folded()) {
            int space = line.lastIndexOf(' ');
            List<String> frames = Arrays.asList(line.substring(0, space).split(";"));
            tree.add(frames, frames.get(0).startsWith("[C2") ? 2 : 0, Long.parseLong(line.substring(space + 1)));
        }
        return tree;
    }

    private void open() throws Exception {
        page.open(dir, Page.svg(tree(), SvgFlameGraphTest.OPTIONS, null), "");
    }

    @Test
    void opensOnTheRootAndTheWideFramesWithTheHeaderAbove() throws Exception {
        open();
        page.shot("first-screen-tower");
        assertTrue(page.seen("all"), "the root is on the first screen: " + page.rect("all"));
        assertEquals(List.of(), page.unseenWide(0.05), "every frame 5% wide or more is on the first screen");
        for (String name : List.of("com/acme/App.work", "com/acme/App.parse", "com/acme/Worker.loop", "Compile::Compile")) {
            assertTrue(page.seen(name), name);
        }
        JsonNode title = page.eval("(() => { const r = document.getElementById('title').getBoundingClientRect();"
                + " return [r.top, r.bottom]; })()");
        assertTrue(title.get(0).asDouble() >= 0 && title.get(1).asDouble() <= 40, "the title on top: " + title);
        assertTrue(page.eval("document.documentElement.scrollHeight <= innerHeight").asBoolean(), "no page to scroll");
        assertFalse(page.seen(TIP), "the tower's tip is a scroll away");
        assertEquals("\u25b2 " + HIDDEN + " more levels above (scroll: wheel, PgUp/PgDn, Home/End)", page.text("details"));
    }

    @Test
    void wheelKeysAndThumbScrollToTheTipAndBack() throws Exception {
        open();
        page.wheel(-400);
        assertTrue(page.text("details").startsWith("\u25b2 " + (HIDDEN - 25) + " more levels above \u00b7 \u25bc 25 below"),
                "400 px up: 25 rows of 16 px; " + page.text("details"));
        page.wheel(-5000);
        assertTrue(page.seen(TIP), "wheel up to the tip");
        assertFalse(page.seen("all"));
        page.wheel(5000);
        assertTrue(page.seen("all"), "and down to the root");
        page.key("Home", "Home", 36, 0);
        assertTrue(page.seen(TIP), "Home: the top of the view");
        page.key("End", "End", 35, 0);
        assertTrue(page.seen("all"), "End: its bottom");
        page.key("PageUp", "PageUp", 33, 0);
        assertFalse(page.seen("all"), "a page up");

        page.key("End", "End", 35, 0);
        JsonNode thumb = page.eval("(() => { const r = document.getElementById('thumb').getBoundingClientRect();"
                + " return [r.x + r.width / 2, r.y + r.height / 2, r.height]; })()");
        assertTrue(thumb.get(2).asDouble() >= 20, "a thumb shows there is more: " + thumb);
        page.drag(thumb.get(0).asDouble(), thumb.get(1).asDouble(), thumb.get(0).asDouble(), 0);
        assertTrue(page.seen(TIP), "thumb dragged to the top");
        assertEquals(0, page.eval("scrollY").asDouble(), "the page itself never scrolls");
    }

    @Test
    void zoomSearchLegendAndInvertedViewWorkOnTheTower() throws Exception {
        open();
        double full = page.full();
        page.key("Home", "Home", 36, 0);
        page.clickFrame("Node::visit" + (TOWER - 3));
        assertEquals(full, page.rect("Node::visit" + (TOWER - 3)).get(2).asDouble(), 0.5, "zoomed to a tower frame");
        assertTrue(page.seen(TIP), "the rows stay where they were");
        assertTrue(page.hover(TIP).startsWith(TIP + ": io 100%"), "tooltips");
        page.clickControl("#reset");
        assertTrue(page.seen("all"), "Reset Zoom goes back to the first screen");
        assertEquals(full * 600 / 1155, page.width("com/acme/App.work"), 0.5);

        page.clickControl("#term");
        page.type("visit" + (TOWER - 1));
        assertEquals("Matched: 0.4%", page.text("matched"), "the tower is searched though out of sight");
        page.key("Escape", "Escape", 27, 0);

        page.clickLegend("cpu");
        assertEquals(full, page.width("Compile::Compile"), 0.5, "the legend still filters");
        page.clickLegend("cpu");

        page.key("i", "KeyI", 73, 0);
        double top = page.rect("all").get(1).asDouble();
        assertTrue(page.seen("all") && top < 120, "callers: the root on top of the first screen, at " + top);
        assertEquals(List.of(), page.unseenWide(0.05));
        page.key("End", "End", 35, 0);
        assertTrue(page.seen("[C2 CompilerThread0 tid=9]"), "the tip's callers go down to its thread");
        page.key("i", "KeyI", 73, 0);
        assertTrue(page.seen("all"), "back to the flame graph, on its root");
    }

    @Test
    void aWindowTallEnoughShowsItAllAndATinyOneScrollsThePage() throws Exception {
        open();
        page.resize(1280, 2700);
        page.await("document.getElementById('thumb').getAttribute('display') === 'none'");
        assertTrue(page.seen(TIP) && page.seen("all"), "all of it fits");
        assertEquals(" ", page.text("details"), "nothing hidden, no hint");
        page.resize(1280, 800);
        page.await("document.documentElement.getBoundingClientRect().height === 800");
        page.resize(1280, 200);
        open(); // opened in the low window: the scroll bar comes with the height the script sets
        List<String> seen = new ArrayList<>();
        for (String name : List.of("all", TIP)) {
            if (page.seen(name)) {
                seen.add(name);
            }
        }
        assertEquals(List.of(TIP), seen, "too low for a frame area: the page is the whole graph, opened at its top");
        assertEquals(page.full(), page.rect("all").get(2).asDouble(), 0.5, "the root fits beside the page's scroll bar");
        page.resize(1280, 800);
        page.await("document.documentElement.getBoundingClientRect().height === 800");
        assertTrue(page.seen("all"));
    }
}
