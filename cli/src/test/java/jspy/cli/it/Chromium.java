package jspy.cli.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A written SVG opened in headless Chromium, read back as the page stands once its script has run
 * ({@code --dump-dom}): what a person sees in the legend and the notes line, not what the writer
 * meant to write. The DevTools harness (flamegraph's Cdp) is test code of another module; for text
 * the page shows, the browser's own dump is enough. Fails, never skips, when Chromium is missing.
 */
final class Chromium {
    private static final Pattern TEXT = Pattern.compile("<text[^>]*>(.*?)</text>");

    private Chromium() {
    }

    static Path binary() {
        for (String dir : (System.getenv().getOrDefault("PATH", "") + ":/usr/bin").split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, "chromium");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        throw new AssertionError("chromium not found: apt-get install -y chromium");
    }

    /** The page's DOM after load, as Chromium serialises it. */
    static String dom(Path svg) throws IOException, InterruptedException {
        return dom(svg, 1400, 900);
    }

    /** The page's DOM after load in a window of this size. */
    static String dom(Path svg, int width, int height) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("jspy-chromium");
        Path out = profile.resolve("dom.txt");
        Process p = new ProcessBuilder(binary().toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--window-size=" + width + "," + height, "--user-data-dir=" + profile, "--dump-dom", svg.toUri().toString())
                .redirectOutput(out.toFile()).redirectError(profile.resolve("chromium.log").toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 60 s; log: " + profile.resolve("chromium.log"));
        }
        String dom = Files.readString(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0 || !dom.contains("<svg")) {
            throw new AssertionError("chromium exit " + p.exitValue() + ", no page; log: " + profile.resolve("chromium.log"));
        }
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
        return dom;
    }

    /**
     * What a JS expression says about the page once its own script has run, in a window of this size:
     * a copy of the SVG gets one more script at its end, which writes the value, as JSON, into an
     * attribute of the root that the DOM dump carries out. For geometry (getBoundingClientRect,
     * elementFromPoint), which the dump alone does not tell.
     */
    static String probe(Path svg, int width, int height, String expression) throws IOException, InterruptedException {
        String page = Files.readString(svg, StandardCharsets.UTF_8);
        int end = page.lastIndexOf("</svg>");
        Path copy = Files.createTempDirectory("jspy-probe").resolve(svg.getFileName());
        Files.writeString(copy, page.substring(0, end) + "<script type=\"text/ecmascript\"><![CDATA[\n"
                + "document.documentElement.setAttribute('data-probe', JSON.stringify((function () { return "
                + expression + "; })()));\n]]></script>\n" + page.substring(end), StandardCharsets.UTF_8);
        try {
            Matcher m = Pattern.compile("data-probe=\"([^\"]*)\"").matcher(dom(copy, width, height));
            if (!m.find()) {
                throw new AssertionError("the probe wrote nothing (did the page's script fail?): " + expression);
            }
            return unescape(m.group(1));
        } finally {
            Files.delete(copy);
            Files.delete(copy.getParent());
        }
    }

    /** The legend entries as drawn, e.g. "grew 40.0%". */
    static List<String> legend(String dom) {
        Matcher g = Pattern.compile("<g id=\"legend\">(.*?)</g></g>", Pattern.DOTALL).matcher(dom);
        if (!g.find()) {
            throw new AssertionError("no legend in the page");
        }
        return TEXT.matcher(g.group(1)).results().map(m -> unescape(m.group(1))).toList();
    }

    /** The text of the element with this id. */
    static String text(String dom, String id) {
        Matcher m = Pattern.compile("<text id=\"" + id + "\"[^>]*>(.*?)</text>", Pattern.DOTALL).matcher(dom);
        if (!m.find()) {
            throw new AssertionError("no text #" + id + " in the page");
        }
        return unescape(m.group(1));
    }

    private static String unescape(String xml) {
        return xml.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
    }
}
