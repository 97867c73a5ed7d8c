package jspy.cli.output;

import static jspy.cli.output.TimelineFixture.thread;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.util.List;
import java.util.Locale;
import jspy.cli.profile.Bucket;
import jspy.cli.profile.Profile;
import jspy.cli.profile.WaitTarget;
import org.junit.jupiter.api.Test;

/** Samples over time become runs as the timeline page's data says: its schema, checked field by field. */
class LanesTest {
    private static final String W = thread("worker-1", 11);
    private static final WaitTarget PEER = WaitTarget.peer("10.0.0.5:5432");

    private static JsonNode json(Profile profile) throws Exception {
        StringWriter out = new StringWriter();
        TimelineJson.write(profile, out);
        return new ObjectMapper().readTree(out.toString());
    }

    /** A thread's runs as JSON text, e.g. "[0,1000,0,0]". */
    private static List<String> runs(JsonNode thread) {
        List<String> out = new java.util.ArrayList<>();
        thread.get("runs").forEach(r -> out.add(r.toString()));
        return out;
    }

    @Test
    void aThreadAlternatingCpuAndSocketGivesOneRunPerPhase() throws Exception {
        TimelineFixture f = new TimelineFixture(100);
        for (int phase = 0; phase < 4; phase += 2) {
            f.every(W, phase * 1000, phase * 1000 + 1000, Bucket.CPU, null, "java/lang/Thread.run", "Spin.spin");
            f.asleep(W, phase * 1000 + 1000, phase * 1000 + 2000, Bucket.SOCKET, PEER, "java/lang/Thread.run", "Net.read");
        }
        JsonNode doc = json(f.profile(4));
        assertEquals("jspy-timeline", doc.get("format").asText());
        assertEquals(1, doc.get("version").asInt());
        assertEquals(TimelineFixture.T0 / 1_000_000, doc.get("startEpochMs").asLong());
        assertEquals(4000, doc.get("durationMs").asLong());
        assertEquals(10.0, doc.get("intervalMs").asDouble());
        assertEquals(List.of("peer 10.0.0.5:5432"), List.of(doc.get("targets").get(0).asText()));
        JsonNode t = doc.get("threads").get(0);
        assertEquals("worker-1", t.get("name").asText());
        assertEquals(11, t.get("tid").asLong());
        assertFalse(t.get("virtual").asBoolean());
        // [start, end, bucket, stack(, target)]: cpu is bucket 0, socket 1; the socket runs name their peer
        assertEquals(List.of("[0,1000,0,0]", "[1000,2000,1,1,0]", "[2000,3000,0,0]", "[3000,4000,1,1,0]"), runs(t));
        JsonNode stack = doc.get("stacks").get(1);
        assertEquals("Net.read", doc.get("frames").get(stack.get(stack.size() - 1).asInt()).asText());
        assertEquals("socket", doc.get("buckets").get(1).get("name").asText());
        assertEquals(Bucket.SOCKET.color(), doc.get("buckets").get(1).get("color").asText());
        assertFalse(doc.get("buckets").get(Bucket.IDLE.ordinal()).get("shown").asBoolean(), "idle hidden, as in record");
    }

    @Test
    void aSleepingThreadIsOneRunAcrossWindowsThatFallShort() throws Exception {
        // Windows of 1 s whose batches count 82 samples at 100 Hz: the sampler missed ticks, the
        // thread did not wake; 180 ms gaps close up.
        TimelineFixture f = new TimelineFixture(100);
        for (int s = 0; s < 5; s++) {
            f.event(W, s * 1000, 82, Bucket.IDLE, null, "java/lang/Thread.sleep");
        }
        assertEquals(List.of("[0,4820,9,0]"), runs(json(f.profile(5)).get("threads").get(0)));
    }

    @Test
    void aLongGapStaysAGapAndOutOfOrderEventsAreSorted() throws Exception {
        TimelineFixture f = new TimelineFixture(100)
                .event(W, 2000, 10, Bucket.CPU, null, "Spin.spin") // 2000 to 2100
                .event(W, 0, 10, Bucket.CPU, null, "Spin.spin") // 0 to 100, then 1.9 s unseen
                .event(W, 2300, 1, Bucket.IDLE, null, "Thread.sleep");
        assertEquals(List.of("[0,100,0,0]", "[2000,2300,0,0]", "[2300,2310,9,1]"), runs(json(f.profile(3)).get("threads").get(0)));
    }

    @Test
    void threadsKnowTheirProcessAndVirtualThreadsSaySo() throws Exception {
        TimelineFixture f = new TimelineFixture(100).process("pid 12: com.acme.Main")
                .event("[ tid=77 virtual]", 0, 1, Bucket.CPU, null, "Spin.spin");
        JsonNode t = json(f.profile(1)).get("threads").get(0);
        assertTrue(t.get("virtual").asBoolean());
        assertEquals(77, t.get("tid").asLong());
        assertEquals("", t.get("name").asText());
        assertEquals("pid 12: com.acme.Main", t.get("process").asText());
    }

    @Test
    void noLessThanSignIsLeftRawInTheScriptBlock() throws Exception {
        TimelineFixture f = new TimelineFixture(100).event(thread("</script><b>x", 3), 0, 1, Bucket.CPU, null, "<!--Foo.bar");
        StringWriter out = new StringWriter();
        TimelineJson.write(f.profile(1), out);
        assertFalse(out.toString().contains("<"), out.toString());
        assertEquals("</script><b>x", new ObjectMapper().readTree(out.toString()).get("threads").get(0).get("name").asText());
    }

    @Test
    void theDataIsTheSameInAnyLocale() throws Exception {
        TimelineFixture f = new TimelineFixture(97).every(W, 0, 500, Bucket.CPU, null, "Spin.spin");
        Locale saved = Locale.getDefault();
        try {
            StringWriter root = new StringWriter();
            TimelineJson.write(f.profile(0.5), root);
            Locale.setDefault(Locale.GERMANY);
            StringWriter german = new StringWriter();
            TimelineJson.write(f.profile(0.5), german);
            assertEquals(root.toString(), german.toString());
            assertTrue(root.toString().contains("\"intervalMs\":10.309"), root.toString());
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void thePageHasExactlyOneDataBlock() {
        String[] parts = HtmlFormat.split(HtmlFormat.load());
        assertTrue(parts[0].endsWith(HtmlFormat.DATA) && parts[1].startsWith("</script>"));
        assertThrows(IllegalStateException.class, () -> HtmlFormat.split("<html></html>"));
        assertThrows(IllegalStateException.class, () -> HtmlFormat.split(HtmlFormat.DATA + "</script>" + HtmlFormat.DATA));
    }

    @Test
    void tidsAreReadFromTheThreadFrame() {
        assertEquals(12, Lanes.tid("[a tid=12]"));
        assertEquals(7, Lanes.tid("[ tid=7 virtual]"));
        assertEquals(-1, Lanes.tid("[no tid]"));
        assertEquals(-1, Lanes.tid(null));
    }
}
