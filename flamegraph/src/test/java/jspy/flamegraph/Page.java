package jspy.flamegraph;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A written SVG opened in the shared headless Chromium, with what a test does to it as a person would. */
final class Page {
    /** Where screenshots go when -Djspy.shots=DIR is given; none otherwise. */
    private static final String SHOTS = System.getProperty("jspy.shots");
    private final Cdp browser;

    Page(Cdp browser) {
        this.browser = browser;
    }

    static String svg(FlameTree tree, SvgOptions options, FrameStyle style) {
        StringWriter out = new StringWriter();
        try {
            SvgFlameGraph.write(tree, options, style, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Writes the SVG to dir and opens it, with a URL fragment such as "#search=..." if not empty. */
    void open(Path dir, String svg, String fragment) throws IOException {
        Path file = dir.resolve("flame.svg");
        Files.writeString(file, svg);
        browser.open(java.net.URI.create(file.toUri() + fragment));
    }

    JsonNode eval(String js) {
        return browser.eval(js);
    }

    /** Frame-area width: the window's, less 10 px either side. */
    double full() {
        return eval("document.documentElement.getBoundingClientRect().width").asDouble() - 20;
    }

    /** The frame's rect in the shown view, a drawn one first: [x, y, width, height, drawn?, fill, label]. */
    JsonNode rect(String name) {
        return eval("(() => { const all = [...document.querySelectorAll('#frames > g[display=inline] g.frame')]"
                + ".filter(g => names[g.getAttribute('data-name')] === " + js(name) + ");"
                + " const g = all.find(g => g.style.display !== 'none') || all[0];"
                + " if (!g) throw new Error('no frame ' + " + js(name) + ");"
                + " const r = g.querySelector('rect').getBoundingClientRect();"
                + " return [r.x, r.y, r.width, r.height, g.style.display !== 'none',"
                + " g.querySelector('rect').getAttribute('fill'), (g.querySelector('text') || {}).textContent || '']; })()");
    }

    /** Width of a frame in the shown view, 0 when it is not drawn (hidden or never created). */
    double width(String name) {
        return eval("(() => { const g = [...document.querySelectorAll('#frames > g[display=inline] g.frame')]"
                + ".find(g => names[g.getAttribute('data-name')] === " + js(name) + ");"
                + " return !g || g.style.display === 'none' ? 0 : g.querySelector('rect').getBoundingClientRect().width; })()")
                .asDouble();
    }

    /**
     * Whether a person sees the frame: the middle of its drawn rect is inside the window and it is
     * what the browser finds there, not the header or the frame area's edge that cuts it off.
     */
    boolean seen(String name) {
        return eval("(() => { const g = [...document.querySelectorAll('#frames > g[display=inline] g.frame')]"
                + ".find(g => names[g.getAttribute('data-name')] === " + js(name) + " && g.style.display !== 'none');"
                + " if (!g) return false; const r = g.querySelector('rect').getBoundingClientRect();"
                + " const e = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);"
                + " return !!e && g.contains(e); })()").asBoolean();
    }

    /** Names of the drawn frames at least this share of the width wide that a person does not see. */
    List<String> unseenWide(double share) {
        List<String> out = new java.util.ArrayList<>();
        JsonNode wide = eval("[...document.querySelectorAll('#frames > g[display=inline] g.frame')]"
                + ".filter(g => g.style.display !== 'none' && g.querySelector('rect').getBoundingClientRect().width >= "
                + share + " * (document.documentElement.getBoundingClientRect().width - 20))"
                + ".map(g => names[g.getAttribute('data-name')])");
        wide.forEach(n -> out.add(n.asText()));
        return out.stream().filter(n -> !seen(n)).toList();
    }

    /** Turns the wheel over the middle of the window. */
    void wheel(double deltaY) {
        JsonNode size = eval("[innerWidth, innerHeight]");
        browser.wheel(size.get(0).asDouble() / 2, size.get(1).asDouble() / 2, deltaY);
    }

    /** Drags from one point to another with the left button down. */
    void drag(double x0, double y0, double x1, double y1) {
        browser.move(x0, y0);
        browser.button("mousePressed", x0, y0);
        browser.move((x0 + x1) / 2, (y0 + y1) / 2);
        browser.move(x1, y1);
        browser.button("mouseReleased", x1, y1);
    }

    /** Waits up to 5 s for a JS condition to hold, then fails. */
    void await(String condition) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!eval(condition).asBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("still false after 5 s: " + condition);
            }
            Thread.sleep(50);
        }
    }

    static String js(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    String text(String id) {
        return eval("document.getElementById('" + id + "').textContent").asText();
    }

    void clickFrame(String name) {
        JsonNode r = rect(name);
        click(r.get(0).asDouble() + r.get(2).asDouble() / 2, r.get(1).asDouble() + r.get(3).asDouble() / 2);
    }

    /** Clicks the middle of the element with this id, or of the legend entry of a category. */
    void clickControl(String selector) {
        JsonNode r = eval("(() => { const r = document.querySelector(" + js(selector)
                + ").getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })()");
        click(r.get(0).asDouble(), r.get(1).asDouble());
    }

    void clickLegend(String category) {
        clickControl("#legend g[data-category='" + eval("categories.findIndex(c => c[0] === " + js(category) + ")")
                .asInt() + "'] text");
    }

    void click(double x, double y) {
        browser.click(x, y).orTimeout(10, TimeUnit.SECONDS).join();
    }

    /** Hovers the frame and returns the tooltip line at the bottom, checking the native tooltip says the same. */
    String hover(String name) {
        JsonNode r = rect(name);
        browser.move(r.get(0).asDouble() + Math.min(5, r.get(2).asDouble() / 2), r.get(1).asDouble() + 5);
        String details = text("details");
        String title = eval("document.querySelector('g.frame:hover title').textContent").asText();
        if (!details.equals(title)) {
            throw new AssertionError("details '" + details + "' but title '" + title + "'");
        }
        return details;
    }

    void key(String key, String code, int keyCode, int modifiers) {
        browser.key(key, code, keyCode, modifiers);
    }

    /** Types into the focused element as a keyboard would. */
    void type(String text) {
        browser.call("Input.insertText", Map.of("text", text));
    }

    /** Resizes the window's viewport, which fires the page's resize event. */
    void resize(int width, int height) {
        browser.call("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
    }

    /** Saves a PNG of the page when -Djspy.shots is set, for the before/after record. */
    void shot(String name) throws IOException {
        if (SHOTS != null) {
            JsonNode png = browser.call("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true));
            Files.createDirectories(Path.of(SHOTS));
            Files.write(Path.of(SHOTS, name + ".png"), Base64.getDecoder().decode(png.get("data").asText()));
        }
    }
}
