package jspy.flamegraph;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/** Test helpers: writes SVGs, parses them strictly, and reads back the script's data tables. */
final class Svg {
    static final String SVG_NS = "http://www.w3.org/2000/svg";
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA).build();

    private Svg() {
    }

    static String write(FlameTree tree, SvgOptions options) {
        StringWriter out = new StringWriter();
        try {
            SvgFlameGraph.write(tree, options, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Parses namespace-aware; throws on anything that is not well-formed XML. */
    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        var builder = f.newDocumentBuilder();
        Document doc = builder.parse(new InputSource(new StringReader(xml)));
        if (!SVG_NS.equals(doc.getDocumentElement().getNamespaceURI())
                || !"svg".equals(doc.getDocumentElement().getLocalName())) {
            throw new AssertionError("root is not an SVG svg element");
        }
        return doc;
    }

    /** The script as the browser sees it (after XML parsing, CDATA unwrapped). */
    static String script(String xml) throws Exception {
        var scripts = parse(xml).getElementsByTagNameNS(SVG_NS, "script");
        if (scripts.getLength() != 1) {
            throw new AssertionError("expected one script, got " + scripts.getLength());
        }
        return scripts.item(0).getTextContent();
    }

    /** The array literal assigned to {@code var name} in the script, read as JSON. */
    static JsonNode array(String xml, String name) throws Exception {
        Matcher m = Pattern.compile("var " + name + " = (\\[.*?\\]);\n", Pattern.DOTALL)
                .matcher(script(xml));
        if (!m.find()) {
            throw new AssertionError("no var " + name);
        }
        return JSON.readTree(m.group(1));
    }

    /** Full names, packages joined back on. */
    static List<String> names(String xml) throws Exception {
        return names(xml, false);
    }

    /** Full names, or the short names the script shows with the toggle on. */
    static List<String> names(String xml, boolean shortNames) throws Exception {
        JsonNode packages = array(xml, "packages");
        List<String> names = new ArrayList<>();
        JsonNode data = array(xml, "nameData");
        for (int i = 0; i < data.size(); i++) {
            String pkg = data.get(i).isNumber() ? packages.get(data.get(i++).asInt()).asText() : "";
            names.add(shortNames ? data.get(i).asText() : pkg + data.get(i).asText());
        }
        return names;
    }

    /** One decoded frame; counts per category; category is the main one (ties to the lower index). */
    record Frame(int depth, long gap, long samples, String name, int category, List<Long> counts) {
    }

    private static final Pattern TOKEN = Pattern.compile(
            "(\\w+)\\.(\\w+)(?:\\^(\\w+))?(?:\\+(\\w+))?(?:~([\\w:]+))?");

    /** Decodes the frame tokens as the script does (SvgFlameGraph's class comment has the format). */
    static List<Frame> frames(String xml) throws Exception {
        List<String> names = names(xml);
        int categories = array(xml, "categories").size();
        List<Frame> frames = new ArrayList<>();
        List<Frame> open = new ArrayList<>();
        int depth = -1;
        for (JsonNode line : array(xml, "frames")) {
            for (String token : line.asText().split(",")) {
                Matcher m = TOKEN.matcher(token);
                if (!m.matches()) {
                    throw new AssertionError("bad frame token " + token);
                }
                depth += 1 - (m.group(3) == null ? 0 : Integer.parseInt(m.group(3), 36));
                long samples = Long.parseLong(m.group(1), 36);
                Long[] counts = new Long[categories];
                java.util.Arrays.fill(counts, 0L);
                String[] mix = m.group(5) != null ? m.group(5).split(":")
                        : new String[] {Integer.toString(open.get(depth - 1).category(), 36)};
                if (mix.length == 1) {
                    counts[Integer.parseInt(mix[0], 36)] = samples;
                }
                for (int j = 0; j + 1 < mix.length; j += 2) {
                    counts[Integer.parseInt(mix[j], 36)] = Long.parseLong(mix[j + 1], 36);
                }
                int best = 0;
                for (int c = 1; c < categories; c++) {
                    best = counts[c] > counts[best] ? c : best;
                }
                Frame f = new Frame(depth, m.group(4) == null ? 0 : Long.parseLong(m.group(4), 36), samples,
                        names.get(Integer.parseInt(m.group(2), 36)), best, List.of(counts));
                open.subList(depth, open.size()).clear();
                open.add(f);
                frames.add(f);
            }
        }
        return frames;
    }

    static Frame frame(String xml, String name) throws Exception {
        return frames(xml).stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no frame " + name));
    }
}
