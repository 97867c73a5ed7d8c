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

    static List<String> names(String xml) throws Exception {
        List<String> names = new ArrayList<>();
        array(xml, "names").forEach(n -> names.add(n.asText()));
        return names;
    }

    /** One decoded frame record. */
    record Frame(int depth, long gap, long samples, String name, int category) {
    }

    static List<Frame> frames(String xml) throws Exception {
        List<String> names = names(xml);
        JsonNode f = array(xml, "frames");
        List<Frame> frames = new ArrayList<>();
        for (int i = 0; i + 4 < f.size(); i += 5) {
            frames.add(new Frame(f.get(i).asInt(), f.get(i + 1).asLong(), f.get(i + 2).asLong(),
                    names.get(f.get(i + 3).asInt()), f.get(i + 4).asInt()));
        }
        if (f.size() % 5 != 0) {
            throw new AssertionError("frames not a multiple of 5: " + f.size());
        }
        return frames;
    }

    static Frame frame(String xml, String name) throws Exception {
        return frames(xml).stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no frame " + name));
    }
}
