package jspy.flamegraph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Opens written SVGs in a real headless Chromium and uses them the way a person would. */
@Timeout(value = 40, unit = TimeUnit.SECONDS)
class SvgBrowserTest {
    /** Frame area width at 1200 px: the template keeps 10 px either side. */
    private static final double FULL = 1180;
    private static Cdp browser;
    /** Every dialog the page opened, as "type:message"; prompts get the next queued answer. */
    private static final List<String> dialogs = new CopyOnWriteArrayList<>();
    private static volatile String promptAnswer = "";

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        browser = Cdp.launch();
        browser.on("Page.javascriptDialogOpening", d -> {
            dialogs.add(d.path("type").asText() + ":" + d.path("message").asText());
            browser.send("Page.handleJavaScriptDialog", Map.of("accept", true, "promptText", promptAnswer));
        });
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    private void open(FlameTree tree, SvgOptions options) throws Exception {
        open(Svg.write(tree, options));
    }

    private void open(String svg) throws Exception {
        Path file = dir.resolve("flame.svg");
        Files.writeString(file, svg);
        browser.open(file.toUri());
        dialogs.clear();
    }

    /** The frame's rect: [x, y, width, height, displayed?] in viewport pixels. */
    private static JsonNode rect(String name) {
        return browser.eval("(() => { const g = [...document.querySelectorAll('g.frame')]"
                + ".find(g => names[g.getAttribute('data-name')] === " + js(name) + ");"
                + " if (!g) throw new Error('no frame ' + " + js(name) + ");"
                + " const r = g.querySelector('rect').getBoundingClientRect();"
                + " return [r.x, r.y, r.width, r.height, g.style.display !== 'none',"
                + " g.querySelector('rect').getAttribute('fill')]; })()");
    }

    private static String js(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private static String text(String id) {
        return browser.eval("document.getElementById('" + id + "').textContent").asText();
    }

    private static void clickFrame(String name) {
        JsonNode r = rect(name);
        browser.click(r.get(0).asDouble() + r.get(2).asDouble() / 2, r.get(1).asDouble() + r.get(3).asDouble() / 2)
                .orTimeout(10, TimeUnit.SECONDS).join();
    }

    private static void clickControl(String id) {
        JsonNode r = browser.eval("(() => { const r = document.getElementById('" + id
                + "').getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })()");
        browser.click(r.get(0).asDouble(), r.get(1).asDouble()).orTimeout(10, TimeUnit.SECONDS).join();
    }

    @Test
    void frameStyleSetsColourAndTooltipAndSearchRestoresIt() throws Exception {
        FrameStyle style = (path, samples) -> path.isEmpty() ? null
                : new FrameStyle.Look(path.get(path.size() - 1).equals("Foo.bar") ? "#ff0000" : "#0000ff",
                        "base 10, new " + samples + ", +1.00 pp");
        java.io.StringWriter out = new java.io.StringWriter();
        SvgFlameGraph.write(SvgFlameGraphTest.sample(), SvgFlameGraphTest.OPTIONS, style, out);
        open(out.toString());
        assertEquals("#ff0000", rect("Foo.bar").get(5).asText(), "the look's colour, unshaded");
        assertEquals("#0000ff", rect("Work.run").get(5).asText());
        assertTrue(rect("all").get(5).asText().startsWith("rgb("), "no look: the category shade");
        JsonNode bar = rect("Foo.bar");
        browser.move(bar.get(0).asDouble() + 5, bar.get(1).asDouble() + 5);
        assertEquals("Function: Foo.bar (base 10, new 150, +1.00 pp)", text("details"));
        assertEquals(FULL * 150 / 300, bar.get(2).asDouble(), 0.5, "widths stay the samples'");
        promptAnswer = "bar";
        clickControl("search");
        assertEquals("#e040e0", rect("Foo.bar").get(5).asText());
        clickControl("clear");
        assertEquals("#ff0000", rect("Foo.bar").get(5).asText());
    }

    @Test
    void zoomResetSearchAndHover() throws Exception {
        open(SvgFlameGraphTest.sample(), SvgFlameGraphTest.OPTIONS);
        assertEquals(7, browser.eval("document.querySelectorAll('g.frame').length").asInt());
        assertEquals(SvgFlameGraphTest.OPTIONS.title(), text("title"));
        double bar = rect("Foo.bar").get(2).asDouble();
        double baz = rect("Foo.baz").get(2).asDouble();
        assertEquals(FULL * 150 / 300, bar, 0.5);
        assertEquals(FULL * 75 / 300, baz, 0.5);

        clickFrame("Foo.baz");
        assertEquals(FULL, rect("Foo.baz").get(2).asDouble(), 0.5, "clicked frame fills the width");
        assertEquals(FULL, rect("java/lang/Thread.run").get(2).asDouble(), 0.5, "ancestor spans all");
        JsonNode sibling = rect("Foo.bar");
        assertTrue(!sibling.get(4).asBoolean() || sibling.get(2).asDouble() < 0.5, "sibling hidden: " + sibling);
        assertTrue(!rect("Work.run").get(4).asBoolean(), "other thread hidden");

        clickControl("reset");
        assertEquals(bar, rect("Foo.bar").get(2).asDouble(), 0.01);
        assertEquals(baz, rect("Foo.baz").get(2).asDouble(), 0.01);
        assertTrue(rect("Work.run").get(4).asBoolean());

        clickFrame("Foo.baz");
        clickFrame("all"); // the root resets too
        assertEquals(bar, rect("Foo.bar").get(2).asDouble(), 0.01);

        // Thread.run (225) contains Foo.bar (150): counted once, 225 of 300.
        promptAnswer = "Thread|bar";
        clickControl("search");
        assertEquals(1, dialogs.size(), "one prompt: " + dialogs);
        assertTrue(dialogs.get(0).startsWith("prompt:"), dialogs.toString());
        assertEquals("Matched: 75.0%", text("matched"));
        assertEquals("#e040e0", rect("Foo.bar").get(5).asText());
        assertTrue(!"#e040e0".equals(rect("Work.run").get(5).asText()));

        promptAnswer = "Work";
        clickControl("search");
        assertEquals("Matched: 25.0%", text("matched"));

        clickControl("clear");
        assertEquals(" ", text("matched"));
        assertTrue(!"#e040e0".equals(rect("Foo.bar").get(5).asText()));

        promptAnswer = "Foo\\.ba[rz]";
        browser.key("f", "KeyF", 70, 2); // Ctrl-F opens the search prompt too
        assertEquals("Matched: 75.0%", text("matched"));
        browser.key("Escape", "Escape", 27, 0);
        assertEquals(" ", text("matched"));

        JsonNode work = rect("Work.run");
        browser.move(work.get(0).asDouble() + 5, work.get(1).asDouble() + 5);
        assertEquals("Function: Work.run (75 samples, 25.00%)", text("details"));
        assertEquals("Function: Work.run (75 samples, 25.00%)", browser.eval(
                "document.querySelector('g.frame:hover title').textContent").asText());
    }

    @Test
    void hostileNamesRenderAsTextAndRunNothing() throws Exception {
        List<String> hostile = List.of("</script><script>alert(1)</script>", "]]><svg onload=alert(1)>",
                "\"quotes\" & <amp>", "日本語.メソッド", "line\u2028sep");
        FlameTree tree = new FlameTree(FlameTreeTest.CATEGORIES);
        for (String name : hostile) {
            tree.add(List.of(name), 0, 10);
        }
        open(tree, new SvgOptions("<b>\"t\"</b> & ]]>", "s", 1200, 0.1));
        assertEquals(hostile.size() + 1, browser.eval("document.querySelectorAll('g.frame').length").asInt());
        for (String name : hostile) {
            assertEquals(FULL / hostile.size(), rect(name).get(2).asDouble(), 0.5, name);
        }
        assertEquals("<b>\"t\"</b> & ]]>", text("title"));
        assertEquals(0, browser.eval("document.querySelectorAll('script').length - 1").asInt());
        Thread.sleep(200); // an injected onload would have fired by now
        assertEquals(List.of(), dialogs);
    }
}
