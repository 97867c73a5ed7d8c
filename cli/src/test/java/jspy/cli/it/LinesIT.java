package jspy.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Java and gets a line too); without the option no frame has one. Also flamegraph's JFR input.
 */
class LinesIT {
    /** A Java frame with a line: com/acme/Parser.parse:42 (or with dots, as the SVG may show it). */
    private static final Pattern JAVA_LINE = Pattern.compile("[A-Za-z_$][\\w$]*(?:[/.][\\w$]+)*\\.[\\w$<>]+:\\d+");

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
                    "collapsed,svg", "-o", "lines");
            assertEquals(0, with.exitCode(), with.stderr());
            JspyRun without = JspyRun.run(dir, 60, "record", "-p", pid, "-d", "2", "--idle", "-f", "collapsed,svg",
                    "-o", "plain");
            assertEquals(0, without.exitCode(), without.stderr());
        }
        String sleep = "jspy/testapps/Ready.sleepMillis:" + sleepLine();
        List<String> collapsed = Files.readAllLines(dir.resolve("lines.collapsed"), StandardCharsets.UTF_8);
        assertEquals("[idle]", bucketOf(collapsed, ";" + sleep + ";"), "the main thread's sleep, at its line");
        assertEquals("[cpu]", bucketOf(collapsed, ";jspy/testapps/CpuApp.spin:"), "the spin, at a line");
        List<String> svg = SvgFrames.names(Files.readString(dir.resolve("lines.svg"), StandardCharsets.UTF_8));
        assertTrue(svg.stream().anyMatch(n -> n.replace('.', '/').equals(sleep.replace('.', '/'))), svg.toString());

        for (String line : Files.readAllLines(dir.resolve("plain.collapsed"), StandardCharsets.UTF_8)) {
            assertTrue(!JAVA_LINE.matcher(line.substring(0, line.lastIndexOf(' '))).find(), "a line without --lines: " + line);
        }
        for (String name : SvgFrames.names(Files.readString(dir.resolve("plain.svg"), StandardCharsets.UTF_8))) {
            assertTrue(!JAVA_LINE.matcher(name).matches(), "a line without --lines in the SVG: " + name);
        }
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
