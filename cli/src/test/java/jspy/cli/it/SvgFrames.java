package jspy.cli.it;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the frames back out of a jspy flame graph's script, and places them as its script does when
 * the page opens: categories the file hides at first (idle) left out, x and width in pixels at the
 * written width (PAD 10, width 1200), so they compare with other renderers. The frame tokens are
 * described in SvgFlameGraph's class comment.
 */
final class SvgFrames {
    private static final JsonMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_TRAILING_COMMA).build();
    private static final Pattern TOKEN = Pattern.compile("(\\w+)\\.(\\w+)(?:\\^(\\w+))?(?:\\+(\\w+))?(?:~([\\w:]+))?");
    static final double PAD = 10;

    /** One drawn frame; samples are those shown; look is null unless a style set it ([colour, note]). */
    record Frame(int depth, String name, long samples, int category, double x, double width, JsonNode look) {
    }

    /** A decoded token: all its counts, and its place among the shown samples. */
    private static final class Node {
        int depth;
        String name;
        long total;
        long gap;
        long[] counts;
        Node parent;
        long shown;
        long kidsShown;
        long kidsTotal;
        double x;
        double cursor;
        double ratio;
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

    static List<String> names(String svg) throws Exception {
        JsonNode data = var(svg, "nameData", "[", "]");
        JsonNode packages = var(svg, "packages", "[", "]");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            String pkg = data.get(i).isNumber() ? packages.get(data.get(i++).asInt()).asText() : "";
            names.add(pkg + data.get(i).asText());
        }
        return names;
    }

    static List<Frame> frames(String svg) throws Exception {
        JsonNode params = var(svg, "params", "{", "}");
        boolean[] on = new boolean[categories(svg).size()];
        java.util.Arrays.fill(on, true);
        params.path("hidden").forEach(c -> on[c.asInt()] = false);
        List<Node> nodes = decode(svg, on.length);
        layout(nodes, on);
        JsonNode looks = params.path("looks");
        double perSample = (params.get("width").asDouble() - 2 * PAD) / nodes.get(0).shown;
        List<Frame> frames = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            int best = -1;
            for (int c = 0; c < on.length; c++) {
                best = on[c] && (best < 0 || n.counts[c] > n.counts[best]) ? c : best;
            }
            JsonNode look = looks.isMissingNode() || !looks.get(i).isArray() ? null : looks.get(i);
            if (n.shown > 0) {
                frames.add(new Frame(n.depth, n.name, n.shown, best, PAD + n.x * perSample, n.shown * perSample, look));
            }
        }
        return frames;
    }

    private static List<Node> decode(String svg, int categories) throws Exception {
        List<String> names = names(svg);
        List<Node> nodes = new ArrayList<>();
        List<Node> open = new ArrayList<>();
        int depth = -1;
        for (JsonNode line : var(svg, "frames", "[", "]")) {
            for (String token : line.asText().split(",")) {
                Matcher m = TOKEN.matcher(token);
                if (!m.matches()) {
                    throw new AssertionError("bad frame token " + token);
                }
                Node n = new Node();
                depth += 1 - (m.group(3) == null ? 0 : Integer.parseInt(m.group(3), 36));
                n.depth = depth;
                n.name = names.get(Integer.parseInt(m.group(2), 36));
                n.total = Long.parseLong(m.group(1), 36);
                n.gap = m.group(4) == null ? 0 : Long.parseLong(m.group(4), 36);
                n.parent = depth > 0 ? open.get(depth - 1) : null;
                n.counts = new long[categories];
                String[] mix = m.group(5) != null ? m.group(5).split(":")
                        : new String[] {Integer.toString(major(n.parent.counts), 36)};
                if (mix.length == 1) {
                    n.counts[Integer.parseInt(mix[0], 36)] = n.total;
                }
                for (int j = 0; j + 1 < mix.length; j += 2) {
                    n.counts[Integer.parseInt(mix[j], 36)] = Long.parseLong(mix[j + 1], 36);
                }
                open.subList(depth, open.size()).clear();
                open.add(n);
                nodes.add(n);
            }
        }
        return nodes;
    }

    private static int major(long[] counts) {
        int best = 0;
        for (int c = 1; c < counts.length; c++) {
            best = counts[c] > counts[best] ? c : best;
        }
        return best;
    }

    /** As the script: pruned siblings keep the shown share of their parent's own samples. */
    private static void layout(List<Node> nodes, boolean[] on) {
        for (Node n : nodes) {
            for (int c = 0; c < on.length; c++) {
                n.shown += on[c] ? n.counts[c] : 0;
            }
            if (n.parent != null) {
                n.parent.kidsShown += n.shown;
                n.parent.kidsTotal += n.total;
            }
        }
        for (Node n : nodes) {
            if (n.parent != null) {
                n.x = n.parent.cursor + n.gap * n.parent.ratio;
                n.parent.cursor = n.x + n.shown;
            }
            n.cursor = n.x;
            n.ratio = n.total > n.kidsTotal ? Math.max(0, n.shown - n.kidsShown) / (double) (n.total - n.kidsTotal) : 0;
        }
    }
}
