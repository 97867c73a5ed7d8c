package jspy.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * SocketApp, whose busy threads wait in a socket read; the legend must give socket the share
 * record gives it (≥ 90% of the non-idle samples, as ScenarioIT asserts for record).
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
    }

    private void assertSocketShare(Path jfr) throws Exception {
        JspyRun r = JspyRun.run(dir, 60, "flamegraph", jfr.toString(), "-o", "out.svg");
        assertEquals(0, r.exitCode(), r.stderr());
        String svg = Files.readString(dir.resolve("out.svg"));
        Matcher m = Pattern.compile(">socket ([0-9.]+)%").matcher(svg);
        assertTrue(m.find(), "no socket bucket in the legend: " + r.stderr());
        assertTrue(Double.parseDouble(m.group(1)) >= 90, "socket only " + m.group(1) + "%");
        assertTrue(svg.contains("SocketDispatcher.read0"), "the socket read frame is missing");
    }

    private static void awaitFile(Path file, int seconds) throws InterruptedException {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        while (!(Files.exists(file) && file.toFile().length() > 0) && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        Thread.sleep(1000); // the JDK writes the file in one go at the end; let it finish
        assertTrue(Files.exists(file), file + " was not written");
    }
}
