package jspy.cli.it;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the frames back out of a jspy flame graph's script, and places them as its script does:
 * x and width in pixels at full width (PAD 10, width 1200), so they compare with other renderers.
 */
final class SvgFrames {
    private static final JsonMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_TRAILING_COMMA).build();
    static final double PAD = 10;

    /** One drawn frame; look is null unless a style set it ([colour, note]). */
    record Frame(int depth, String name, long samples, int category, double x, double width, JsonNode look) {
    }

    private SvgFrames() {
    }

    static JsonNode var(String svg, String name, String open, String close) throws Exception {
        Matcher m = Pattern.compile("var " + name + " = (\\" + open + ".*?\\" + close + ");\n", Pattern.DOTALL).matcher(svg);
        if (!m.find()) {
            throw new AssertionError("no var " + name + " in the SVG");
        }
        return JSON.readTree(m.group(1));
    }

    static List<String> categories(String svg) throws Exception {
        List<String> out = new ArrayList<>();
        var(svg, "categories", "[", "]").forEach(c -> out.add(c.get(0).asText()));
        return out;
    }

    static List<Frame> frames(String svg) throws Exception {
        JsonNode f = var(svg, "frames", "[", "]");
        JsonNode names = var(svg, "names", "[", "]");
        JsonNode params = var(svg, "params", "{", "}");
        JsonNode looks = params.path("looks");
        double width = params.get("width").asDouble();
        long total = params.get("total").asLong();
        double perSample = (width - 2 * PAD) / total;
        List<Frame> frames = new ArrayList<>();
        long[] next = new long[params.get("depth").asInt() + 2];
        for (int i = 0; i + 4 < f.size(); i += 5) {
            int d = f.get(i).asInt();
            long x = next[d] + f.get(i + 1).asLong();
            long s = f.get(i + 2).asLong();
            next[d] = x + s;
            next[d + 1] = x;
            JsonNode look = looks.isMissingNode() || !looks.get(i / 5).isArray() ? null : looks.get(i / 5);
            frames.add(new Frame(d, names.get(f.get(i + 3).asInt()).asText(), s, f.get(i + 4).asInt(),
                    PAD + x * perSample, s * perSample, look));
        }
        return frames;
    }
}
