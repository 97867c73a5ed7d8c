package jspy.flamegraph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Opens written SVGs in a real headless Chromium and uses them the way a person would: zoom, styles, hostile names. */
@Timeout(value = 40, unit = TimeUnit.SECONDS)
class SvgBrowserTest {
    private static Cdp browser;
    /** Every dialog the page opened, as "type:message"; there should be none. */
    private static final List<String> dialogs = new CopyOnWriteArrayList<>();
    private Page page;

    @TempDir
    java.nio.file.Path dir;

    @BeforeAll
    static void start() throws Exception {
        browser = Cdp.launch();
        browser.on("Page.javascriptDialogOpening", d -> {
            dialogs.add(d.path("type").asText() + ":" + d.path("message").asText());
            browser.send("Page.handleJavaScriptDialog", Map.of("accept", true));
        });
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
        dialogs.clear();
    }

    @Test
    void frameStyleSetsColourAndTooltipAndSearchRestoresIt() throws Exception {
        FrameStyle style = (path, samples) -> path.isEmpty() ? null
                : new FrameStyle.Look(path.get(path.size() - 1).equals("Foo.bar") ? "#ff0000" : "#0000ff",
                        "base 10, new " + samples + ", +1.00 pp");
        page.open(dir, Page.svg(SvgFlameGraphTest.sample(), SvgFlameGraphTest.OPTIONS, style), "");
        assertEquals("#ff0000", page.rect("Foo.bar").get(5).asText(), "the look's colour, unshaded");
        assertEquals("#0000ff", page.rect("Work.run").get(5).asText());
        assertTrue(page.rect("all").get(5).asText().startsWith("rgb("), "no look: the category shade");
        assertEquals("Foo.bar: base 10, new 150, +1.00 pp", page.hover("Foo.bar"));
        assertEquals(page.full() * 150 / 300, page.rect("Foo.bar").get(2).asDouble(), 0.5, "widths stay the samples'");
        page.clickControl("#term");
        page.type("bar");
        assertEquals("#e040e0", page.rect("Foo.bar").get(5).asText());
        page.key("Escape", "Escape", 27, 0);
        assertEquals("#ff0000", page.rect("Foo.bar").get(5).asText());
    }

    @Test
    void zoomAndReset() throws Exception {
        page.open(dir, Page.svg(SvgFlameGraphTest.sample(), SvgFlameGraphTest.OPTIONS, null), "");
        assertEquals(7, page.eval("document.querySelectorAll('g.frame').length").asInt());
        assertEquals(SvgFlameGraphTest.OPTIONS.title(), page.text("title"));
        double full = page.full();
        double bar = page.rect("Foo.bar").get(2).asDouble();
        double baz = page.rect("Foo.baz").get(2).asDouble();
        assertEquals(full * 150 / 300, bar, 0.5);
        assertEquals(full * 75 / 300, baz, 0.5);

        page.clickFrame("Foo.baz");
        assertEquals(full, page.rect("Foo.baz").get(2).asDouble(), 0.5, "clicked frame fills the width");
        assertEquals(full, page.rect("java/lang/Thread.run").get(2).asDouble(), 0.5, "ancestor spans all");
        assertEquals(0, page.width("Foo.bar"), "sibling hidden");
        assertEquals(0, page.width("Work.run"), "other thread hidden");

        page.clickControl("#reset");
        assertEquals(bar, page.rect("Foo.bar").get(2).asDouble(), 0.01);
        assertEquals(baz, page.rect("Foo.baz").get(2).asDouble(), 0.01);
        assertTrue(page.rect("Work.run").get(4).asBoolean());

        page.clickFrame("Foo.baz");
        page.clickFrame("all"); // the root resets too
        assertEquals(bar, page.rect("Foo.bar").get(2).asDouble(), 0.01);
        page.clickFrame("Foo.baz");
        page.key("Escape", "Escape", 27, 0); // and Escape, when nothing is searched
        assertEquals(bar, page.rect("Foo.bar").get(2).asDouble(), 0.01);
        assertEquals(List.of(), dialogs);
    }

    @Test
    void anEmptyProfileSaysSoAndItsScriptRunsToTheEnd() throws Exception {
        page.open(dir, Page.svg(new FlameTree(FlameTreeTest.CATEGORIES), SvgFlameGraphTest.OPTIONS, null), "#search=x");
        assertEquals("No samples were collected", page.text("empty"));
        double center = page.eval("(() => { const r = document.getElementById('empty').getBoundingClientRect();"
                + " return r.x + r.width / 2; })()").asDouble();
        assertEquals((page.full() + 20) / 2, center, 2, "centred in the window by the script's last step");
        assertEquals("Matched: 0.0%", page.text("matched"), "the fragment was read, after everything else");
        page.key("i", "KeyI", 73, 0);
        assertEquals("[ ] Inverted (i)", page.text("invert"), "nothing to invert");
    }

    @Test
    void hostileNamesRenderAsTextAndRunNothing() throws Exception {
        List<String> hostile = List.of("</script><script>alert(1)</script>", "]]><svg onload=alert(1)>",
                "\"quotes\" & <amp>", "日本語.メソッド", "line\u2028sep", "java/lang/</script>.x");
        FlameTree tree = new FlameTree(FlameTreeTest.CATEGORIES);
        for (String name : hostile) {
            tree.add(List.of(name), 0, 10);
        }
        page.open(dir, Page.svg(tree, new SvgOptions("<b>\"t\"</b> & ]]>", "s", 1200, 0.1), null), "#search=%3Cimg");
        assertEquals(hostile.size() + 1, page.eval("document.querySelectorAll('g.frame').length").asInt());
        for (String name : hostile) {
            assertEquals(page.full() / hostile.size(), page.rect(name).get(2).asDouble(), 0.5, name);
        }
        assertEquals("<b>\"t\"</b> & ]]>", page.text("title"));
        assertEquals(0, page.eval("document.querySelectorAll('script').length - 1").asInt());
        page.key("n", "KeyN", 78, 0);
        assertEquals("</script>.x", page.rect("java/lang/</script>.x").get(6).asText(), "short name, as text");
        Thread.sleep(200); // an injected onload would have fired by now
        assertEquals(List.of(), dialogs);
    }
}
