package jspy.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jspy flamegraph IN.jfr}: a JDK Flight Recorder file and an async-profiler one, each of
 * SocketApp, whose busy threads wait in a socket read; every format must give socket the share
 * record gives it (≥ 90% of the non-idle samples, as ScenarioIT asserts for record), each read by
 * its own reader: the SVG's legend, the collapsed lines' bucket frames, the JSON summary, speedscope's
 * schema and root frames, and {@code go tool pprof -tagfocus bucket=socket}.
 */
class JfrInputIT {
    @TempDir
    Path dir;

    @Test
    void jdkFlightRecorderFile() throws Exception {
        Path jfr = dir.resolve("jdk.jfr");
        try (TargetApp app = TargetApp.start(17, "SocketApp", dir,
                "-XX:StartFlightRecording:duration=4s,settings=profile,filename=" + jfr)) {
            awaitFile(jfr, 60);
        }
        assertSocketShare(jfr);
    }

    @Test
    void asyncProfilerFile() throws Exception {
        Path lib = dir.resolve("libasyncProfiler.so");
        try (ZipFile jar = new ZipFile(System.getProperty("jspy.jar"));
             InputStream in = jar.getInputStream(jar.getEntry("jspy/embedded/linux-x64/libasyncProfiler.so"))) {
            Files.copy(in, lib);
        }
        Path jfr = dir.resolve("ap.jfr");
        try (TargetApp app = TargetApp.start(25, "SocketApp", dir,
                "-agentpath:" + lib + "=start,event=wall,interval=10ms,timeout=3,file=" + jfr)) {
            Thread.sleep(6000); // the file is complete once the 3 s timeout stopped the profiler
            awaitFile(jfr, 60);
        }
        assertSocketShare(jfr);
        aCutOffLastChunkIsReportedNotDropped(jfr);
    }

    /** The recording followed by half a copy of it: a second chunk cut off, as by a crash or a full disk. */
    private void aCutOffLastChunkIsReportedNotDropped(Path jfr) throws Exception {
        byte[] whole = Files.readAllBytes(jfr);
        Path cut = dir.resolve("cut.jfr");
        Files.write(cut, whole);
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length / 2), java.nio.file.StandardOpenOption.APPEND);
        JspyRun r = JspyRun.run(dir, 60, "flamegraph", cut.toString(), "-o", "cut.collapsed");
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("jspy: warning: skipped the recording's last chunk, which is incomplete"),
                r.stderr());
        assertEquals(total(dir.resolve("out.collapsed")), total(dir.resolve("cut.collapsed")),
                "the complete chunk is read in full");
    }

    private static long total(Path collapsed) throws Exception {
        return Files.readAllLines(collapsed).stream().mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    private void assertSocketShare(Path jfr) throws Exception {
        JspyRun r = JspyRun.run(dir, 60, "flamegraph", jfr.toString(), "-o", "out.svg",
                "-f", "svg,collapsed,json,speedscope,pprof");
        assertEquals(0, r.exitCode(), r.stderr());
        String svg = Files.readString(dir.resolve("out.svg"));
        Matcher m = Pattern.compile(">socket ([0-9.]+)%").matcher(svg);
        assertTrue(m.find(), "no socket bucket in the legend: " + r.stderr());
        assertTrue(Double.parseDouble(m.group(1)) >= 90, "socket only " + m.group(1) + "%");
        assertTrue(svg.contains("SocketDispatcher.read0"), "the socket read frame is missing");
        assertTrue(r.stderr().contains("'out.pb.gz'") && r.stderr().contains("socket "), r.stderr());

        long socket = 0;
        long shown = 0;
        String collapsed = Files.readString(dir.resolve("out.collapsed"));
        for (String line : collapsed.split("\n")) {
            long n = Long.parseLong(line.substring(line.lastIndexOf(' ') + 1));
            socket += line.startsWith("[socket];") ? n : 0;
            shown += line.startsWith("[idle];") ? 0 : n;
        }
        assertTrue(shown > 0 && socket >= 0.9 * shown, "collapsed: socket " + socket + " of " + shown);
        assertTrue(collapsed.contains("SocketDispatcher.read0"), "collapsed: no socket read frame");

        JsonNode summary = new ObjectMapper().readTree(dir.resolve("out.json").toFile());
        assertEquals(shown, summary.get("samples").asLong(), "json and collapsed disagree");
        assertTrue(summary.at("/buckets/socket/percent").asDouble() >= 90, summary.toString());
        assertTrue(summary.get("rateHz").asDouble() > 0, "no rate: " + summary);

        JsonNode speedscope = new ObjectMapper().readTree(dir.resolve("out.speedscope").toFile());
        try (var schema = JfrInputIT.class.getResourceAsStream("/speedscope/file-format-schema.json")) {
            var errors = com.networknt.schema.JsonSchemaFactory.getInstance(com.networknt.schema.SpecVersion.VersionFlag.V7)
                    .getSchema(schema).validate(speedscope);
            assertTrue(errors.isEmpty(), "speedscope's schema: " + errors);
        }
        assertTrue(speedscope.at("/shared/frames").toString().contains("\"name\":\"[socket]\""), "no [socket] root");

        String top = GoPprof.run(dir, "-top", "-tagfocus", "bucket=socket", dir.resolve("out.pb.gz").toString());
        assertTrue(top.contains("SocketDispatcher.read0"), "pprof, bucket=socket:\n" + top);
    }

    static void awaitFile(Path file, int seconds) throws InterruptedException {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        while (!(Files.exists(file) && file.toFile().length() > 0) && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        Thread.sleep(1000); // the JDK writes the file in one go at the end; let it finish
        assertTrue(Files.exists(file), file + " was not written");
    }
}
