package jspy.cli.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jspy.flamegraph.Cdp;

/**
 * A written timeline page (record -f html) open in headless Chromium, used as a person uses it:
 * rows read as the DOM shows them, lanes read as the canvas paints them, brushes and clicks made
 * with the mouse, the filter typed on the keyboard.
 */
final class TimelinePage {
    /** Where screenshots go when -Djspy.shots=DIR is given; none otherwise. */
    private static final String SHOTS = System.getProperty("jspy.shots");
    private static final Pattern DATA = Pattern.compile(
            "<script type=\"application/json\" id=\"jspy-timeline\">(.*?)</script>", Pattern.DOTALL);
    private final Cdp browser;

    TimelinePage(Cdp browser) {
        this.browser = browser;
    }

    /** The page's embedded JSON, read from the file as a script would read it. */
    static JsonNode data(Path html) throws IOException {
        Matcher m = DATA.matcher(Files.readString(html, StandardCharsets.UTF_8));
        if (!m.find()) {
            throw new AssertionError("no jspy-timeline data block in " + html);
        }
        return new ObjectMapper().readTree(m.group(1));
    }

    /** Opens the page, with a URL fragment such as "#range=1-2" if not empty. */
    void open(Path html, String fragment) {
        browser.open(java.net.URI.create(html.toUri() + fragment));
    }

    /** Opens a page served over HTTP, waiting as long as the server may take to answer. */
    void open(String url, java.time.Duration timeout) {
        browser.open(java.net.URI.create(url), timeout);
    }

    JsonNode eval(String js) {
        return browser.eval(js);
    }

    static String js(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** The rows' names, top to bottom, as the DOM has them. */
    List<String> rows() {
        List<String> out = new ArrayList<>();
        eval("[...document.querySelectorAll('#names .row .name')].map(e => e.textContent)").forEach(n -> out.add(n.asText()));
        return out;
    }

    /** The text of the element matching the selector. */
    String text(String selector) {
        return eval("document.querySelector(" + js(selector) + ").textContent").asText();
    }

    /** The legend's entries as drawn, e.g. "cpu 100.0%". */
    List<String> legend() {
        List<String> out = new ArrayList<>();
        eval("[...document.querySelectorAll('#legend .chip')].map(e => e.textContent)").forEach(n -> out.add(n.asText()));
        return out;
    }

    /** The names of the flame graph's drawn frames. */
    List<String> frames() {
        List<String> out = new ArrayList<>();
        eval("[...document.querySelectorAll('#graph g.frame')].map(g => g.dataset.name)").forEach(n -> out.add(n.asText()));
        return out;
    }

    /** The middle of a row's name, in the window: [x, y]. */
    private double[] row(String name) {
        JsonNode r = eval("(() => { const e = [...document.querySelectorAll('#names .row .name')].find(e => e.textContent === "
                + js(name) + "); if (!e) throw new Error('no row ' + " + js(name) + "); e.scrollIntoView({block: 'nearest'});"
                + " const r = e.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })()");
        return new double[] {r.get(0).asDouble(), r.get(1).asDouble()};
    }

    void clickRow(String name) {
        double[] at = row(name);
        click(at[0], at[1]);
    }

    /** Clicks the row's expand arrow. */
    void toggleGroup(String name) {
        double[] at = row(name);
        JsonNode x = eval("[...document.querySelectorAll('#names .row')].find(r => r.querySelector('.name').textContent === "
                + js(name) + ").querySelector('.twisty').getBoundingClientRect().x + 5");
        click(x.asDouble(), at[1]);
    }

    /** The window x of a time in the lanes, in ms from the start. */
    double x(double ms) {
        return eval("(() => { const r = document.getElementById('lanecanvas').getBoundingClientRect();"
                + " return r.x + " + ms + " / dur * r.width; })()").asDouble();
    }

    /** Waits for the page to paint what the last event changed (two animation frames). */
    void settle() {
        browser.call("Runtime.evaluate", Map.of("expression",
                "new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))", "awaitPromise", true));
    }

    /** The colour the lane of a row shows at a time, as #rrggbb, or "none" where nothing is painted. */
    String laneColour(String name, double ms) {
        double y = row(name)[1];
        settle();
        return eval("(() => { const c = document.getElementById('lanecanvas'), r = c.getBoundingClientRect(),"
                + " d = window.devicePixelRatio || 1;"
                + " const p = c.getContext('2d').getImageData(Math.floor((" + x(ms) + " - r.x) * d), Math.floor((" + y
                + " - r.y) * d), 1, 1).data;"
                + " return p[3] === 0 ? 'none' : '#' + [p[0], p[1], p[2]].map(v => v.toString(16).padStart(2, '0')).join(''); })()")
                .asText();
    }

    /** Drags across a row's lane from one time to another. */
    void brush(String rowName, double fromMs, double toMs) {
        browser.drag(x(fromMs), x(toMs), row(rowName)[1]);
    }

    void click(double x, double y) {
        browser.click(x, y).orTimeout(10, TimeUnit.SECONDS).join();
    }

    /** Clicks the middle of the element matching the selector. */
    void clickOn(String selector) {
        JsonNode r = eval("(() => { const r = document.querySelector(" + js(selector)
                + ").getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })()");
        click(r.get(0).asDouble(), r.get(1).asDouble());
    }

    /** Types into the focused element as a keyboard would. */
    void type(String text) {
        browser.call("Input.insertText", Map.of("text", text));
    }

    void key(String key, String code, int keyCode) {
        browser.key(key, code, keyCode, 0);
    }

    /**
     * Picks an option of a select with the keyboard, as a user without a mouse does: focus, then
     * Down or Up until it shows.
     */
    void choose(String selectId, String value) {
        clickOn("#" + selectId);
        key("Escape", "Escape", 27); // the click opened its list; keys go to the closed select
        for (int i = 0; i < 5 && !eval("document.getElementById(" + js(selectId) + ").value").asText().equals(value); i++) {
            key("ArrowDown", "ArrowDown", 40);
        }
        for (int i = 0; i < 5 && !eval("document.getElementById(" + js(selectId) + ").value").asText().equals(value); i++) {
            key("ArrowUp", "ArrowUp", 38);
        }
        if (!eval("document.getElementById(" + js(selectId) + ").value").asText().equals(value)) {
            throw new AssertionError("could not choose " + value + " in #" + selectId);
        }
    }

    /** Saves a PNG of the page when -Djspy.shots is set. */
    void shot(String name) throws IOException {
        if (SHOTS != null) {
            Files.createDirectories(Path.of(SHOTS));
            Files.write(Path.of(SHOTS, name + ".png"), browser.screenshot());
        }
    }
}
