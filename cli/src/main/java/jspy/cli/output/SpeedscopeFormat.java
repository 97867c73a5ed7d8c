package jspy.cli.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jspy.cli.profile.Profile;
import jspy.cli.profile.Sample;
import jspy.cli.profile.Timeline;

/**
 * speedscope's JSON file format (https://www.speedscope.app/file-format-schema.json) over a shared
 * frame table. With the sample stream's timeline (jspy record) there is one "sampled" profile per
 * thread, samples in time order with their real times, so speedscope's time-order view shows when
 * things happened; the busiest thread first, as speedscope opens the first profile (in the order
 * threads were first seen, a young JVM's opened on a JIT compiler thread). From folded input, one
 * profile of the merged stacks. Stacks are those of
 * {@link CollapsedFormat}: the bucket is the root frame ({@code [socket]}). Weights are
 * milliseconds: a sample is one sampling interval of the rate asked.
 */
public final class SpeedscopeFormat implements ProfileWriter {
    static final String SCHEMA = "https://www.speedscope.app/file-format-schema.json";
    private static final JsonFactory JSON = JsonFactory.builder().build();

    @Override
    public void write(Profile profile, Writer out) throws IOException {
        Map<String, Integer> frames = new LinkedHashMap<>();
        String name = "jspy — " + profile.target().describe();
        double rate = profile.requestedHz() > 0 ? profile.requestedHz() : profile.rateHz();
        double intervalMs = 1000.0 / (rate > 0 ? rate : 100);
        List<Track> tracks = profile.timeline() != null ? tracks(profile, frames, intervalMs)
                : List.of(merged(profile, frames, name, intervalMs));

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
        for (Track t : tracks) {
            t.write(g);
        }
        g.writeEndArray();
        g.writeEndObject();
        g.flush();
        out.write('\n');
    }

    /** One speedscope "sampled" profile. */
    private record Track(String name, double start, double end, List<int[]> stacks, List<Double> weights) {
        double total() {
            double sum = 0;
            for (double w : weights) {
                sum += w;
            }
            return sum;
        }

        void write(JsonGenerator g) throws IOException {
            g.writeStartObject();
            g.writeStringField("type", "sampled");
            g.writeStringField("name", name);
            g.writeStringField("unit", "milliseconds");
            g.writeFieldName("startValue");
            number(g, start);
            g.writeFieldName("endValue");
            number(g, end);
            g.writeArrayFieldStart("samples");
            for (int[] ids : stacks) {
                g.writeArray(ids, 0, ids.length);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("weights");
            for (double w : weights) {
                number(g, w);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static Track merged(Profile profile, Map<String, Integer> frames, String name, double intervalMs) {
        List<int[]> stacks = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        double total = 0;
        for (Sample s : profile.samples()) {
            if (profile.shown(s)) {
                stacks.add(ids(s, profile, frames));
                weights.add(s.count() * intervalMs);
                total += s.count() * intervalMs;
            }
        }
        return new Track(name, 0, total, stacks, weights);
    }

    /** One track per thread, busiest first; times in milliseconds from the first sample of the recording. */
    private static List<Track> tracks(Profile profile, Map<String, Integer> frames, double intervalMs) {
        Timeline timeline = profile.timeline();
        long t0 = timeline.startNanos();
        List<Track> out = new ArrayList<>();
        for (Timeline.Track t : timeline.tracks()) {
            List<int[]> stacks = new ArrayList<>();
            List<Double> weights = new ArrayList<>();
            String thread = null;
            double end = 0;
            for (int i = 0; i < t.size(); i++) {
                Sample s = timeline.stack(t.stack(i));
                thread = thread != null ? thread : s.thread();
                if (profile.shown(s)) {
                    stacks.add(ids(s, profile, frames));
                    weights.add(t.weight(i) * intervalMs);
                }
                end = Math.max(end, (t.nanos(i) - t0) / 1e6 + t.weight(i) * intervalMs);
            }
            if (!stacks.isEmpty()) {
                double start = (t.nanos(0) - t0) / 1e6;
                out.add(new Track(thread != null ? thread : t.name(), start, end, stacks, weights));
            }
        }
        out.sort(Comparator.comparingDouble(Track::total).reversed()); // stable: ties keep first-seen order
        return out;
    }

    private static int[] ids(Sample s, Profile profile, Map<String, Integer> frames) {
        List<String> path = new ArrayList<>();
        path.add("[" + s.bucket().label() + "]");
        path.addAll(s.display(profile.showThreads()));
        int[] ids = new int[path.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = frames.computeIfAbsent(path.get(i), f -> frames.size());
        }
        return ids;
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
