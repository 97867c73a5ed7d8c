package jspy.cli.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import jspy.cli.profile.Bucket;
import jspy.cli.profile.Profile;

/**
 * The timeline page's data, {@code "format": "jspy-timeline", "version": 1}: the schema is in
 * docs/timeline.md, which scripts that read the page rely on. Written inside an HTML
 * {@code <script>} element, so no {@code <} appears raw: a frame or thread named
 * {@code </script>} stays data.
 */
final class TimelineJson {
    static final String FORMAT = "jspy-timeline";
    static final int VERSION = 1;
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private TimelineJson() {
    }

    static void write(Profile profile, Writer out) throws IOException {
        Lanes lanes = Lanes.of(profile);
        JsonGenerator g = JSON.createGenerator(out);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        g.setCharacterEscapes(new InScript());
        g.writeStartObject();
        g.writeStringField("format", FORMAT);
        g.writeNumberField("version", VERSION);
        g.writeStringField("title", "jspy — " + profile.target().describe());
        g.writeStringField("subtitle", SvgFormat.subtitle(profile));
        strings(g, "notes", SvgFormat.notes(profile));
        g.writeNumberField("startEpochMs", Math.round(lanes.startNanos / 1e6));
        g.writeNumberField("durationMs", lanes.durationMs);
        g.writeNumberField("intervalMs", Math.round(lanes.intervalMs * 1000) / 1000.0);
        g.writeArrayFieldStart("buckets");
        for (Bucket b : Bucket.values()) {
            g.writeStartObject();
            g.writeStringField("name", b.label());
            g.writeStringField("color", b.color());
            g.writeBooleanField("shown", profile.showIdle() || b != Bucket.IDLE);
            g.writeEndObject();
        }
        g.writeEndArray();
        strings(g, "frames", lanes.frames);
        g.writeArrayFieldStart("stacks");
        for (int[] stack : lanes.stacks) {
            g.writeArray(stack, 0, stack.length);
        }
        g.writeEndArray();
        strings(g, "targets", lanes.targets);
        g.writeArrayFieldStart("threads");
        for (Lanes.Lane lane : lanes.lanes) {
            thread(g, lane);
        }
        g.writeEndArray();
        g.writeEndObject();
        g.flush();
    }

    private static void thread(JsonGenerator g, Lanes.Lane lane) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", lane.name());
        g.writeNumberField("tid", lane.tid());
        g.writeBooleanField("virtual", lane.virtual());
        if (lane.process() != null) {
            g.writeStringField("process", lane.process());
        }
        g.writeArrayFieldStart("runs");
        for (long[] run : lane.runs()) {
            // A run without a target has four elements: most runs have none.
            g.writeArray(run, 0, run[Lanes.TARGET] < 0 ? 4 : 5);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void strings(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    /**
     * {@code <} as {@code \u003c}: inside a script element, {@code </script} would end it and
     * {@code <!--} change how the rest is parsed; JSON.parse reads the escape back as {@code <}.
     */
    private static final class InScript extends CharacterEscapes {
        private final int[] escapes = standardAsciiEscapesForJSON();

        InScript() {
            escapes['<'] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return escapes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return null;
        }
    }
}
