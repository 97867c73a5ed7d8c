package jspy.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class JsonFormatTest {
    private static JsonNode summary() throws Exception {
        return new ObjectMapper().readTree(GoldenTest.render(Format.JSON, Locale.GERMANY));
    }

    @Test
    void targetSamplingAndBucketShares() throws Exception {
        JsonNode s = summary();
        assertEquals(4242, s.at("/target/pid").asLong());
        assertEquals("com.acme.Main", s.at("/target/mainClass").asText());
        assertEquals("17.0.15", s.at("/target/jdk").asText());
        assertEquals(15.567, s.get("durationSeconds").asDouble());
        assertEquals(97, s.get("rateHz").asInt());
        assertEquals(1510, s.get("samples").asLong());
        assertEquals(800, s.at("/buckets/cpu/samples").asLong());
        assertEquals(52.98, s.at("/buckets/cpu/percent").asDouble()); // 800 / 1510
        assertEquals(0, s.at("/buckets/socket/samples").asLong());
        assertTrue(s.at("/buckets/idle").isMissingNode(), "idle is hidden, so it has no share");
    }

    @Test
    void topFramesBySelfAndTotalWithTheirBucket() throws Exception {
        JsonNode s = summary();
        JsonNode self = s.get("topSelf");
        assertEquals("com/acme/Parser.parse", self.get(0).get("frame").asText());
        assertEquals(800, self.get(0).get("samples").asLong());
        assertEquals("cpu", self.get(0).get("bucket").asText());
        assertEquals("sun/nio/ch/NioSocketImpl.read", self.get(1).get("frame").asText());
        assertEquals("jdbc", self.get(1).get("bucket").asText());
        JsonNode total = s.get("topTotal");
        // Thread.run is on every shown stack but one; recursion in Parser.parse counts once.
        assertEquals("com/acme/Server.handle", total.get(0).get("frame").asText());
        assertEquals(1410, total.get(0).get("samples").asLong());
        assertEquals("cpu", total.get(0).get("bucket").asText());
        assertEquals(93.38, total.get(0).get("percent").asDouble());
        assertEquals("com/acme/Parser.parse", total.get(2).get("frame").asText());
        assertEquals(800, total.get(2).get("samples").asLong());
        for (JsonNode f : total) {
            assertTrue(!f.get("frame").asText().contains("tid="), "thread frames are not code: " + f);
        }
    }
}
