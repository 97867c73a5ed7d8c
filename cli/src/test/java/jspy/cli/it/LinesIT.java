package jspy.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code --lines}: Java frames end in their line number ({@code Ready.sleepMillis:NN}, the line
 * that calls Thread.sleep, read from the test app's source) in the collapsed stacks and the SVG, the
 * buckets stay what the rules say (idle for the sleep, cpu for the spin: JDK 25's Thread.sleep is
 * Java and gets a line too); the same names reach the JSON summary, pprof (read back by
 * {@code go tool pprof}) and speedscope; without the option no frame has one in any of them. Also
 * flamegraph's JFR input.
 */
class LinesIT {
    /** A Java frame with a line: com/acme/Parser.parse:42 (or with dots, as the SVG may show it). */
    private static final Pattern JAVA_LINE = Pattern.compile("[A-Za-z_$][\\w$]*(?:[/.][\\w$]+)*\\.[\\w$<>]+:\\d+");

    private static final String FORMATS = "collapsed,svg,json,pprof,speedscope";

    @TempDir
    Path dir;

    static List<Integer> jdks() {
        return Jdks.REQUIRED;
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void recordWithAndWithoutLines(int jdk) throws Exception {
        try (TargetApp app = TargetApp.start(jdk, "CpuApp", dir)) {
            String pid = Long.toString(app.pid());
            JspyRun with = JspyRun.run(dir, 60, "record", "-p", pid, "-d", "2", "--idle", "--lines", "-f",
                    FORMATS, "-o", "lines");
            assertEquals(0, with.exitCode(), with.stderr());
            JspyRun without = JspyRun.run(dir, 60, "record", "-p", pid, "-d", "2", "--idle", "-f", FORMATS,
                    "-o", "plain");
            assertEquals(0, without.exitCode(), without.stderr());
        }
        String sleep = "jspy/testapps/Ready.sleepMillis:" + sleepLine();
        List<String> collapsed = Files.readAllLines(dir.resolve("lines.collapsed"), StandardCharsets.UTF_8);
        assertEquals("[idle]", bucketOf(collapsed, ";" + sleep + ";"), "the main thread's sleep, at its line");
        assertEquals("[cpu]", bucketOf(collapsed, ";jspy/testapps/CpuApp.spin:"), "the spin, at a line");
        List<String> svg = SvgFrames.names(Files.readString(dir.resolve("lines.svg"), StandardCharsets.UTF_8));
        assertTrue(svg.stream().anyMatch(n -> n.replace('.', '/').equals(sleep.replace('.', '/'))), svg.toString());

        assertLinesInJsonPprofSpeedscope("lines", sleep);

        for (String line : Files.readAllLines(dir.resolve("plain.collapsed"), StandardCharsets.UTF_8)) {
            assertTrue(!JAVA_LINE.matcher(line.substring(0, line.lastIndexOf(' '))).find(), "a line without --lines: " + line);
        }
        for (String name : SvgFrames.names(Files.readString(dir.resolve("plain.svg"), StandardCharsets.UTF_8))) {
            assertTrue(!JAVA_LINE.matcher(name).matches(), "a line without --lines in the SVG: " + name);
        }
        for (String name : otherFormatsFrames("plain")) {
            assertTrue(!JAVA_LINE.matcher(name).matches(), "a line without --lines: " + name);
        }
    }

    /**
     * The JSON summary's top self frame (the spin), pprof's functions as {@code go tool pprof} reads
     * them and speedscope's frames name the spin and the sleep with their lines.
     */
    private void assertLinesInJsonPprofSpeedscope(String prefix, String sleep) throws Exception {
        String dotted = sleep.replace('/', '.');
        JsonNode json = new ObjectMapper().readTree(dir.resolve(prefix + ".json").toFile());
        // topSelf, not topTotal: topTotal's 20 are the native frames every thread shares
        List<String> self = texts(json.get("topSelf"), "frame");
        assertTrue(self.stream().anyMatch(f -> f.matches("jspy[./]testapps[./]CpuApp\\.spin:\\d+")),
                "JSON topSelf: " + self);
        List<String> pprof = pprofFunctions(prefix);
        assertTrue(pprof.contains(sleep) || pprof.contains(dotted), "go tool pprof -traces: " + pprof);
        assertTrue(pprof.stream().anyMatch(f -> f.matches("jspy[./]testapps[./]CpuApp\\.spin:\\d+")), pprof.toString());
        List<String> speedscope = texts(new ObjectMapper().readTree(dir.resolve(prefix + ".speedscope").toFile())
                .get("shared").get("frames"), "name");
        assertTrue(speedscope.contains(sleep) || speedscope.contains(dotted), "speedscope frames: " + speedscope);
    }

    /** Every frame name in the JSON summary, pprof (read back by go tool pprof) and speedscope files. */
    private List<String> otherFormatsFrames(String prefix) throws Exception {
        JsonNode json = new ObjectMapper().readTree(dir.resolve(prefix + ".json").toFile());
        List<String> out = new ArrayList<>(texts(json.get("topTotal"), "frame"));
        out.addAll(texts(json.get("topSelf"), "frame"));
        out.addAll(pprofFunctions(prefix));
        out.addAll(texts(new ObjectMapper().readTree(dir.resolve(prefix + ".speedscope").toFile())
                .get("shared").get("frames"), "name"));
        assertTrue(out.size() > 20, "too few frames to check: " + out);
        return out;
    }

    /** The function names of {@code go tool pprof -traces}: one per line under each trace's header. */
    private List<String> pprofFunctions(String prefix) throws Exception {
        List<String> out = new ArrayList<>();
        for (String line : GoPprof.run(dir, "-traces", prefix + ".pb.gz").split("\n")) {
            String t = line.strip();
            // the header ("Type: wall"), "-----+---" separators, labels ("bucket:  idle"), then a
            // trace's frames, leaf first, the leaf after its time ("2.26s   name")
            if (t.isEmpty() || t.startsWith("-") || t.matches("^\\w+:\\s.*")) {
                continue;
            }
            String name = t.replaceFirst("^[0-9.]+(?:ns|us|ms|s|mins|hrs)\\s+", "");
            out.add(name);
        }
        assertTrue(!out.isEmpty(), "go tool pprof -traces listed no function");
        return out;
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get(field).asText()));
        return out;
    }

    @Test
    void flamegraphOfAnAsyncProfilerFile() throws Exception {
        Path lib = dir.resolve("libasyncProfiler.so");
        try (ZipFile jar = new ZipFile(System.getProperty("jspy.jar"));
             InputStream in = jar.getInputStream(jar.getEntry("jspy/embedded/linux-x64/libasyncProfiler.so"))) {
            Files.copy(in, lib);
        }
        Path jfr = dir.resolve("ap.jfr");
        try (TargetApp app = TargetApp.start(25, "CpuApp", dir,
                "-agentpath:" + lib + "=start,event=wall,interval=10ms,timeout=2,file=" + jfr)) {
            Thread.sleep(4000); // the file is complete once the 2 s timeout stopped the profiler
            JfrInputIT.awaitFile(jfr, 60);
        }
        JspyRun with = JspyRun.run(dir, 60, "flamegraph", "--idle", "--lines", "-o", "ap-lines.collapsed",
                jfr.toString());
        assertEquals(0, with.exitCode(), with.stderr());
        List<String> collapsed = Files.readAllLines(dir.resolve("ap-lines.collapsed"), StandardCharsets.UTF_8);
        assertEquals("[idle]", bucketOf(collapsed, ";jspy/testapps/Ready.sleepMillis:" + sleepLine() + ";"));
        JspyRun without = JspyRun.run(dir, 60, "flamegraph", "--idle", "-o", "ap.collapsed", jfr.toString());
        assertEquals(0, without.exitCode(), without.stderr());
        String plain = Files.readString(dir.resolve("ap.collapsed"), StandardCharsets.UTF_8);
        assertTrue(plain.contains(";jspy/testapps/Ready.sleepMillis;") && !plain.contains("Ready.sleepMillis:"), plain);
    }

    /** The bucket frame of the line with the most samples among those containing {@code frame}. */
    private static String bucketOf(List<String> collapsed, String frame) {
        String best = null;
        long most = 0;
        for (String line : collapsed) {
            long n = Long.parseLong(line.substring(line.lastIndexOf(' ') + 1));
            if (line.contains(frame) && n > most) {
                most = n;
                best = line.substring(0, line.indexOf(';'));
            }
        }
        assertTrue(best != null, "no stack with " + frame + " in:\n" + String.join("\n", collapsed));
        return best;
    }

    /** The line of Ready.sleepMillis that calls Thread.sleep, from the test apps' source. */
    private static int sleepLine() throws Exception {
        List<String> source = Files.readAllLines(Path.of(System.getProperty("jspy.repo"),
                "test-apps/src/main/java/jspy/testapps/Ready.java"), StandardCharsets.UTF_8);
        for (int i = 0; i < source.size(); i++) {
            if (source.get(i).strip().equals("Thread.sleep(millis);")) {
                return i + 1;
            }
        }
        throw new AssertionError("Ready.java no longer calls Thread.sleep(millis): update LinesIT");
    }
}
