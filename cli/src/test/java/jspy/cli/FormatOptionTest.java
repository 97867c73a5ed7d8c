package jspy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.time.Duration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordingFile;
import jspy.cli.base.ExitCode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An explicit -f wins over -o's extension through the real command line (issue 23, item 4), as in
 * py-spy's {@code record --format speedscope -o profile.json}: folded input, and a JDK Flight
 * Recorder file of this test's own JVM, since only a recording with times has every format.
 */
class FormatOptionTest {
    @TempDir
    static Path dir;
    static Path jfr;

    /**
     * Spins until the JDK has sampled it: JDK 17's sampler took 0 to 8 samples of a thread spinning
     * for 1.5 s at a 10 ms period on this loaded 2-core machine, so one fixed spin was flaky.
     */
    @BeforeAll
    static void recordThisJvm() throws Exception {
        jfr = dir.resolve("self.jfr");
        try (Recording r = new Recording()) {
            r.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
            r.start();
            long deadline = System.nanoTime() + 60_000_000_000L;
            double x = 0;
            do {
                assertTrue(System.nanoTime() < deadline, "the JDK took no execution sample of a spinning thread in 60 s");
                long end = System.nanoTime() + 500_000_000L;
                while (System.nanoTime() < end) {
                    x += Math.sqrt(x + 1); // on CPU, so the JDK samples this thread
                }
                r.dump(jfr);
            } while (RecordingFile.readAllEvents(jfr).stream()
                    .noneMatch(e -> e.getEventType().getName().equals("jdk.ExecutionSample")));
            assertTrue(x > 0);
        }
    }

    @Test
    void speedscopeIntoADotJsonFileIsWrittenWithoutAWarning() throws Exception {
        Path out = dir.resolve("profile.json");
        HelpTest.Run r = HelpTest.run("flamegraph", jfr.toString(), "-f", "speedscope", "-o", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().startsWith("Wrote speedscope profile to '" + out + "'."), r.err());
        assertEquals(1, r.err().lines().count(), "no warning: speedscope files are JSON\n" + r.err());
        JsonNode written = new ObjectMapper().readTree(out.toFile());
        assertEquals("https://www.speedscope.app/file-format-schema.json", written.get("$schema").asText());
    }

    @Test
    void aFormatTheExtensionContradictsIsWrittenWithAOneLineWarning() throws Exception {
        Path out = dir.resolve("summary.speedscope.json");
        HelpTest.Run r = HelpTest.run("flamegraph", jfr.toString(), "-f", "json", "-o", out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("jspy: warning: '" + out + "' will be written as json (-f wins over the extension, which names "
                + "speedscope)", r.err().lines().findFirst().orElseThrow());
        assertTrue(new ObjectMapper().readTree(out.toFile()).has("buckets"), "jspy's JSON summary, not speedscope");
    }

    @Test
    void foldedInputRendersAnSvgIntoWhateverFileFNames() throws Exception {
        Path in = Files.writeString(dir.resolve("in.folded"), "[cpu];[main tid=1];Main.run;A.a 3\n");
        Path out = dir.resolve("p.collapsed");
        HelpTest.Run r = HelpTest.run("flamegraph", in.toString(), "-f", "svg", "-o", out.toString());
        assertEquals(ExitCode.OK.code(), r.code(), r.err());
        assertEquals(List.of("jspy: warning: '" + out + "' will be written as svg (-f wins over the extension, which "
                + "names collapsed)", "Wrote flame graph to '" + out + "'. Samples: 3."), r.err().lines().toList());
        assertTrue(Files.readString(out).contains("<svg"), "an SVG, as -f said");
    }
}
