package jspy.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --sample-limit: a JVM with more threads than limit / rate has each sampled less often, and jspy says so. */
class SampleLimitIT {
    private static final Pattern SAID =
            Pattern.compile("^Sampling pid \\d+ .* at (\\d+(?:\\.\\d+)?) Hz\\b.*\njspy: ([\\d,]+) threads: lowered from 100 Hz "
                    + "to stay within 200 samples/s, see --sample-limit\\.$", Pattern.MULTILINE);

    @TempDir
    Path dir;

    @Test
    void aLowLimitLowersTheRateTheAgentSamplesAt() throws Exception {
        try (TargetApp app = TargetApp.start(17, "CpuApp", dir)) {
            JspyRun run = JspyRun.run(dir, 60, "record", "-p", Long.toString(app.pid()), "-d", "2", "-f", "json",
                    "-o", "limited.json", "--sample-limit", "200");
            assertEquals(0, run.exitCode(), run.stderr());
            Matcher said = SAID.matcher(run.stderr());
            assertTrue(said.find(), run.stderr());
            double rate = Double.parseDouble(said.group(1));
            assertTrue(rate >= 1 && rate <= 20, "a JVM has 10+ threads: " + said.group());
            JsonNode json = new ObjectMapper().readTree(dir.resolve("limited.json").toFile());
            assertEquals(rate, json.get("requestedRateHz").asDouble());
            // rateHz is what was achieved: within 10% of the lowered rate, nowhere near 100 Hz
            assertEquals(rate, json.get("rateHz").asDouble(), 0.1 * rate + 0.2);
            // One spinning thread for ~2 s: about 2 x rate samples, where 100 Hz would give ~200.
            long cpu = json.get("buckets").get("cpu").get("samples").asLong();
            assertTrue(cpu >= rate && cpu <= 3 * rate + 5, "cpu samples " + cpu + " at " + rate + " Hz");
        }
    }
}
