package jspy.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import jspy.cli.profile.Bucket;
import jspy.cli.profile.Profile;
import jspy.cli.profile.Sample;
import jspy.cli.profile.TargetInfo;
import jspy.cli.profile.Timeline;
import org.junit.jupiter.api.Test;

class SpeedscopeFormatTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** speedscope's own schema, from its npm package (see src/test/resources/speedscope/README.md). */
    static JsonSchema schema() throws Exception {
        try (InputStream in = SpeedscopeFormatTest.class.getResourceAsStream("/speedscope/file-format-schema.json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
        }
    }

    @Test
    void validAgainstSpeedscopesSchema() throws Exception {
        JsonNode doc = JSON.readTree(GoldenTest.render(Format.SPEEDSCOPE, Locale.GERMANY));
        Set<ValidationMessage> errors = schema().validate(doc);
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void theSchemaCatchesABrokenFile() throws Exception {
        JsonNode doc = JSON.readTree(GoldenTest.render(Format.SPEEDSCOPE, Locale.ROOT));
        ((com.fasterxml.jackson.databind.node.ObjectNode) doc.get("profiles").get(0)).put("unit", "furlongs");
        assertEquals(false, schema().validate(doc).isEmpty(), "a validator that accepts anything tests nothing");
    }

    @Test
    void stacksStartWithTheBucketAndWeighMilliseconds() throws Exception {
        JsonNode doc = JSON.readTree(GoldenTest.render(Format.SPEEDSCOPE, Locale.ROOT));
        JsonNode frames = doc.get("shared").get("frames");
        JsonNode profile = doc.get("profiles").get(0);
        assertEquals("sampled", profile.get("type").asText());
        assertEquals("jspy — pid 4242 · com.acme.Main · JDK 17.0.15", profile.get("name").asText());
        List<String> stacks = new ArrayList<>();
        double weights = 0;
        for (int i = 0; i < profile.get("samples").size(); i++) {
            List<String> names = new ArrayList<>();
            profile.get("samples").get(i).forEach(id -> names.add(frames.get(id.asInt()).get("name").asText()));
            stacks.add(String.join(";", names));
            weights += profile.get("weights").get(i).asDouble();
        }
        assertEquals(profile.get("samples").size(), profile.get("weights").size());
        assertTrue(stacks.contains("[jdbc];[http-worker-2 tid=12];java/lang/Thread.run;com/acme/Server.handle;"
                + "org/postgresql/jdbc/PgStatement.execute;sun/nio/ch/NioSocketImpl.read"), stacks.toString());
        assertTrue(stacks.stream().noneMatch(s -> s.startsWith("[idle]")), "idle hidden by default");
        // 1,510 shown samples at 97 Hz.
        assertEquals(1510 * 1000.0 / 97, weights, 1e-6);
        assertEquals(weights, profile.get("endValue").asDouble(), 1e-6);
    }

    @Test
    void theBusiestThreadComesFirstForSpeedscopeOpensOnIt() throws Exception {
        // As a young JVM's timeline: a JIT compiler thread is seen first, with the fewest samples.
        Timeline timeline = new Timeline();
        Sample jit = new Sample(List.of("[C2 CompilerThread0 tid=5]", "Compile::Compile"), Bucket.JVM, 1);
        Sample a = new Sample(List.of("[worker-a tid=2]", "com/acme/Worker.run"), Bucket.CPU, 3);
        Sample main = new Sample(List.of("[main tid=1]", "com/acme/App.main"), Bucket.CPU, 5);
        Sample b = new Sample(List.of("[worker-b tid=3]", "com/acme/Worker.run"), Bucket.CPU, 3);
        timeline.add("jit", 0, jit, 1);
        for (int i = 0; i < 5; i++) {
            if (i < 3) {
                timeline.add("a", 10 * i + 1, a, 1);
            }
            timeline.add("main", 10 * i + 2, main, 1);
            if (i < 3) {
                timeline.add("b", 10 * i + 3, b, 1);
            }
        }
        java.io.StringWriter out = new java.io.StringWriter();
        new SpeedscopeFormat().write(new Profile(new TargetInfo(1, "com.acme.App", "17.0.15"), List.of(jit, a, main, b),
                1, 100, false, false, 100, timeline, List.of()), out);
        JsonNode doc = JSON.readTree(out.toString());
        List<String> names = new ArrayList<>();
        doc.get("profiles").forEach(p -> names.add(p.get("name").asText()));
        assertEquals(List.of("[main tid=1]", "[worker-a tid=2]", "[worker-b tid=3]", "[C2 CompilerThread0 tid=5]"), names,
                "by samples, busiest first; a tie keeps the order the threads were seen in");
        assertEquals(0, doc.get("activeProfileIndex").asInt(), "the one speedscope opens");
        assertTrue(schema().validate(doc).isEmpty());
    }

    @Test
    void emptyProfileIsStillValid() throws Exception {
        java.io.StringWriter out = new java.io.StringWriter();
        new SpeedscopeFormat().write(new Profile(new TargetInfo(1, null, null), List.of(), 1, 100, false, false), out);
        assertTrue(schema().validate(JSON.readTree(out.toString())).isEmpty());
    }
}
