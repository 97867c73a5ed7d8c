package jspy.cli.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jspy.cli.profile.Profile;
import jspy.cli.profile.Sample;

/**
 * speedscope's JSON file format (https://www.speedscope.app/file-format-schema.json): one
 * "sampled" profile over a shared frame table, each distinct stack once with its weight. Stacks
 * are those of {@link CollapsedFormat}: the bucket is the root frame ({@code [socket]}), then the
 * thread frame with {@code --threads}. Weights are milliseconds (samples × the sampling interval),
 * so speedscope shows time; samples = weight × rate / 1000.
 */
public final class SpeedscopeFormat implements ProfileWriter {
    static final String SCHEMA = "https://www.speedscope.app/file-format-schema.json";
    private static final JsonFactory JSON = JsonFactory.builder().build();

    @Override
    public void write(Profile profile, Writer out) throws IOException {
        Map<String, Integer> frames = new LinkedHashMap<>();
        List<int[]> stacks = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        for (Sample s : profile.samples()) {
            if (!profile.shown(s)) {
                continue;
            }
            List<String> path = new ArrayList<>();
            path.add("[" + s.bucket().label() + "]");
            path.addAll(s.display(profile.showThreads()));
            int[] ids = new int[path.size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = frames.computeIfAbsent(path.get(i), f -> frames.size());
            }
            stacks.add(ids);
            counts.add(s.count());
        }
        String name = "jspy — " + profile.target().describe();
        double intervalMs = 1000.0 / (profile.rateHz() > 0 ? profile.rateHz() : 100);
        long total = 0;

        JsonGenerator g = JSON.createGenerator(out);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        g.writeStartObject();
        g.writeStringField("$schema", SCHEMA);
        g.writeStringField("exporter", exporter());
        g.writeStringField("name", name);
        g.writeNumberField("activeProfileIndex", 0);
        g.writeObjectFieldStart("shared");
        g.writeArrayFieldStart("frames");
        for (String frame : frames.keySet()) {
            g.writeStartObject();
            g.writeStringField("name", frame);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeArrayFieldStart("profiles");
        g.writeStartObject();
        g.writeStringField("type", "sampled");
        g.writeStringField("name", name);
        g.writeStringField("unit", "milliseconds");
        g.writeNumberField("startValue", 0);
        for (long c : counts) {
            total += c;
        }
        g.writeFieldName("endValue");
        number(g, total * intervalMs);
        g.writeArrayFieldStart("samples");
        for (int[] ids : stacks) {
            g.writeArray(ids, 0, ids.length);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("weights");
        for (long c : counts) {
            number(g, c * intervalMs);
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndArray();
        g.writeEndObject();
        g.flush();
        out.write('\n');
    }

    /** Whole numbers without ".0" (100 Hz gives whole milliseconds); Jackson's doubles ignore the locale. */
    private static void number(JsonGenerator g, double value) throws IOException {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            g.writeNumber((long) value);
        } else {
            g.writeNumber(value);
        }
    }

    private static String exporter() {
        String version = SpeedscopeFormat.class.getPackage().getImplementationVersion();
        return version == null ? "jspy" : "jspy " + version;
    }
}
