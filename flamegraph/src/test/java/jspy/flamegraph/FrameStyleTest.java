package jspy.flamegraph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameStyleTest {
    @Test
    void looksFollowTheFramesWithTheirPathsAndStayData() throws Exception {
        List<String> seen = new ArrayList<>();
        FrameStyle style = (path, samples) -> {
            seen.add(String.join(";", path) + " " + samples);
            return path.contains("Foo.bar") ? new FrameStyle.Look("#ff0000", "grew </script> \"+1 pp\"") : null;
        };
        String svg = write(style);
        Svg.parse(svg);
        assertEquals(List.of(" 300", "[main tid=1] 225", "[main tid=1];java/lang/Thread.run 225",
                "[main tid=1];java/lang/Thread.run;Foo.bar 150", "[main tid=1];java/lang/Thread.run;Foo.baz 75",
                "[worker tid=2] 75", "[worker tid=2];Work.run 75"), seen);
        JsonNode looks = looks(svg);
        assertEquals(Svg.frames(svg).size(), looks.size());
        assertEquals(0, looks.get(0).asInt());
        assertEquals("#ff0000", looks.get(3).get(0).asText());
        assertEquals("grew </script> \"+1 pp\"", looks.get(3).get(1).asText());
    }

    @Test
    void withoutAStyleThereAreNoLooks() throws Exception {
        String svg = Svg.write(SvgFlameGraphTest.sample(), SvgFlameGraphTest.OPTIONS);
        assertEquals(0, looks(svg).size());
    }

    @Test
    void colourMustBeHex() {
        assertThrows(IllegalArgumentException.class, () -> new FrameStyle.Look("red\"", "x"));
    }

    /** The params object's "looks" array, read as JSON (empty when absent). */
    static JsonNode looks(String svg) throws Exception {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("var params = (\\{.*?\\});\n", java.util.regex.Pattern.DOTALL)
                .matcher(Svg.script(svg));
        if (!m.find()) {
            throw new AssertionError("no var params");
        }
        JsonNode looks = com.fasterxml.jackson.databind.json.JsonMapper.builder()
                .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_TRAILING_COMMA).build()
                .readTree(m.group(1)).path("looks");
        return looks.isMissingNode() ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode() : looks;
    }

    private static String write(FrameStyle style) throws Exception {
        java.io.StringWriter out = new java.io.StringWriter();
        SvgFlameGraph.write(SvgFlameGraphTest.sample(), SvgFlameGraphTest.OPTIONS, style, out);
        return out.toString();
    }
}
