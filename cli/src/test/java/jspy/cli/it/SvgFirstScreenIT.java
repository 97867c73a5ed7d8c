package jspy.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first screen of the written flame graph, in headless Chromium at 1280x800 (issue 23): a JVM
 * recorded in its first seconds, as launch mode records CI builds, has thin JIT and framework
 * stacks 150 frames deep that must not push the graph's base out of sight.
 */
class SvgFirstScreenIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What a person sees of the graph on the first screen, measured by the browser. */
    private static final String FIRST_SCREEN = """
            (() => {
              const drawn = [...document.querySelectorAll('#frames > g[display=inline] g.frame')]
                  .filter(g => g.style.display !== 'none');
              const full = document.documentElement.getBoundingClientRect().width - 20;
              const seen = g => { const r = g.querySelector('rect').getBoundingClientRect();
                const e = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2); return !!e && g.contains(e); };
              const wide = drawn.filter(g => g.querySelector('rect').getBoundingClientRect().width >= 0.05 * full);
              const title = document.getElementById('title');
              return { height: innerHeight, depth: views.flame.depth, rootSeen: seen(drawn[0]), wide: wide.length,
                unseenWide: wide.filter(g => !seen(g)).map(g => names[g.getAttribute('data-name')]),
                titleTop: title.getBoundingClientRect().top, title: title.textContent };
            })()""";

    @TempDir
    Path dir;

    static JsonNode firstScreen(Path svg) throws Exception {
        JsonNode screen = JSON.readTree(Chromium.probe(svg, 1280, 800, FIRST_SCREEN));
        // Headless Chromium's --dump-dom keeps a browser's toolbars' worth of the window (657 of 800
        // px measured, Chromium 156), which is the first screen a person's 1280x800 window shows too.
        int height = screen.get("height").asInt();
        assertTrue(height > 500 && height <= 800, "the window Chromium was asked for: " + screen);
        return screen;
    }

    @Test
    void aThinTowerBesideAWideGraphLeavesTheBaseOnTheFirstScreen() throws Exception {
        StringBuilder tower = new StringBuilder("[jvm];[C2 CompilerThread0 tid=9];thread_native_entry;Compile::Compile");
        for (int i = 0; i < 150; i++) {
            tower.append(";Node::visit").append(i);
        }
        Files.writeString(dir.resolve("young.collapsed"), String.join("\n",
                "[cpu];[main tid=1];java/lang/Thread.run;com/acme/App.main;com/acme/App.work 600",
                "[cpu];[main tid=1];java/lang/Thread.run;com/acme/App.main;com/acme/App.parse 300",
                "[cpu];[worker tid=2];java/lang/Thread.run;com/acme/Worker.loop 250",
                tower + " 5", ""));
        JspyRun fg = JspyRun.run(dir, 60, "flamegraph", "young.collapsed", "-o", "young.svg");
        assertEquals(0, fg.exitCode(), fg.stderr());
        JsonNode screen = firstScreen(dir.resolve("young.svg"));
        assertTrue(screen.get("depth").asInt() > 150, "the tower is in the graph: " + screen);
        assertTrue(screen.get("rootSeen").asBoolean(), "the root is on the first screen: " + screen);
        assertTrue(screen.get("wide").asInt() >= 6, "the wide frames were found: " + screen);
        assertEquals("[]", screen.get("unseenWide").toString(), "every frame 5% wide or more is on it too");
        assertTrue(screen.get("titleTop").asDouble() >= 0, "and the header above them: " + screen);
    }

    @Test
    void aLaunchedCommandsYoungJvmsKeepTheirCountTheirBaseAndTheirBusiestThread() throws Exception {
        JspyRun jspy = JspyRun.start(dir, "record", "-o", "launch.svg", "-f", "svg,speedscope", "--",
                Jdks.java(17).toString(), "-cp", System.getProperty("jspy.testapps.classpath"),
                "jspy.testapps.ForkApp", "2", "0");
        try (OutputStream stdin = jspy.process.getOutputStream()) {
            stdin.write("hi\n".getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(0, jspy.await(60), jspy.stderr());
        String svg = Files.readString(dir.resolve("launch.svg"));
        assertFalse(svg.contains("<!--"), "no comment of the template's in the written graph");
        JsonNode screen = firstScreen(dir.resolve("launch.svg"));
        assertTrue(screen.get("title").asText().contains("2 JVMs"), "the title, as shortened to fit, keeps the count: "
                + screen.get("title"));
        assertTrue(screen.get("rootSeen").asBoolean(), "the root is on the first screen: " + screen);
        assertEquals("[]", screen.get("unseenWide").toString(), screen.toString());

        // speedscope opens its first profile: the busiest thread, not the first (JIT) thread seen.
        List<Double> totals = new ArrayList<>();
        JsonNode profiles = JSON.readTree(dir.resolve("launch.speedscope").toFile()).get("profiles");
        for (JsonNode profile : profiles) {
            double sum = 0;
            for (JsonNode w : profile.get("weights")) {
                sum += w.asDouble();
            }
            totals.add(sum);
        }
        List<Double> sorted = new ArrayList<>(totals);
        sorted.sort(java.util.Comparator.reverseOrder());
        assertEquals(sorted, totals, "busiest first");
        assertFalse(profiles.get(0).get("name").asText().contains("CompilerThread"), profiles.get(0).get("name").asText());
    }
}
