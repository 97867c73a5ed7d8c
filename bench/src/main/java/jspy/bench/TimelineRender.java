package jspy.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How fast a timeline page (record -f html) shows itself and answers a brush, in headless
 * Chromium. A copy of the page gets a probe script after the page's own: the page's script has
 * then parsed its data and drawn its first screen (strip, lanes, flame graph), so
 * {@code performance.now()} there is the time from navigation to a first screen, laid out; the
 * probe then brushes five ranges with mouse events, each timed to the end of the re-render and
 * its layout. Chromium's {@code --dump-dom} hands back what the probe wrote. Paint and raster
 * come after and are not in the figures (a few ms for a window of canvas).
 *
 * <p>Usage: {@code TimelineRender PAGE.html ROUNDS}; prints one line per round:
 * {@code first_screen_ms X brush_ms Y1 Y2 ...}.
 */
public final class TimelineRender {
    private static final String PROBE = """
            <script>
            (function () {
              var first = performance.now();
              var c = document.getElementById("lanecanvas"), r = c.getBoundingClientRect(), y = r.top + 5, out = [];
              function ev(type, target, x) {
                target.dispatchEvent(new MouseEvent(type, { bubbles: true, clientX: x, clientY: y, button: 0 }));
              }
              for (var i = 0; i < 5; i++) {
                var t = performance.now(), a = r.left + r.width * (0.1 + 0.15 * i);
                ev("mousedown", c, a);
                ev("mousemove", window, a + r.width * 0.1);
                ev("mouseup", window, a + r.width * 0.1);
                document.body.getBoundingClientRect();
                out.push((performance.now() - t).toFixed(1));
              }
              var pre = document.createElement("pre");
              pre.id = "jspy-bench";
              pre.textContent = "first_screen_ms " + first.toFixed(1) + " brush_ms " + out.join(" ")
                + " rows " + document.querySelectorAll("#names .row").length + " frames " + document.querySelectorAll("#graph g").length;
              document.body.appendChild(pre);
            })();
            </script>
            """;
    private static final Pattern RESULT = Pattern.compile("<pre id=\"jspy-bench\">([^<]*)</pre>");

    private TimelineRender() {
    }

    public static void main(String[] args) throws Exception {
        Path page = Path.of(args[0]);
        int rounds = Integer.parseInt(args[1]);
        String html = Files.readString(page, StandardCharsets.UTF_8);
        int end = html.lastIndexOf("</body>");
        Path probed = Files.createTempFile("jspy-timeline-", ".html");
        Files.writeString(probed, html.substring(0, end) + PROBE + html.substring(end), StandardCharsets.UTF_8);
        try {
            for (int r = 0; r < rounds; r++) {
                System.out.println(round(probed));
            }
        } finally {
            Files.deleteIfExists(probed);
        }
    }

    private static String round(Path page) throws Exception {
        Path profile = Files.createTempDirectory("jspy-chromium-");
        Path out = profile.resolve("dom.html");
        List<String> cmd = new ArrayList<>(List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--window-size=1400,900", "--user-data-dir=" + profile, "--dump-dom", page.toUri().toString()));
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile())
                .redirectError(profile.resolve("chromium.log").toFile()).start();
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("chromium took over 120 s");
            }
            Matcher m = RESULT.matcher(Files.readString(out, StandardCharsets.UTF_8));
            if (!m.find()) {
                throw new IllegalStateException("the probe wrote nothing; see " + profile.resolve("chromium.log"));
            }
            return m.group(1);
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
