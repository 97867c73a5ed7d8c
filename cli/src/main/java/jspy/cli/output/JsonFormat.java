package jspy.cli.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import jspy.cli.profile.Bucket;
import jspy.cli.profile.Profile;

/**
 * A summary for bots and PR comments ({@code jq .buckets.cpu.percent}): the target, how it was
 * sampled, each bucket's share and the top frames by self and total samples. Percentages are of the
 * shown samples (idle only with --idle), rounded to two decimals; numbers never depend on the
 * locale. "version" changes when a field changes meaning or goes away, not when one is added.
 */
public final class JsonFormat implements ProfileWriter {
    static final int TOP = 20;
    private static final JsonFactory JSON = JsonFactory.builder().build();

    @Override
    public void write(Profile profile, Writer out) throws IOException {
        long shown = profile.shownSamples();
        JsonGenerator g = JSON.createGenerator(out);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        g.setPrettyPrinter(new DefaultPrettyPrinter().withObjectIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE
                .withLinefeed("\n")).withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n")));
        g.writeStartObject();
        g.writeStringField("format", "jspy-summary");
        g.writeNumberField("version", 1);
        g.writeObjectFieldStart("target");
        g.writeNumberField("pid", profile.target().pid());
        nullable(g, "mainClass", profile.target().mainClass());
        nullable(g, "jdk", profile.target().javaVersion());
        g.writeEndObject();
        g.writeStringField("mode", "wall-clock");
        g.writeNumberField("durationSeconds", round(profile.seconds(), 3));
        // rateHz: achieved per thread (samples / thread-seconds); requestedRateHz: what was asked.
        rate(g, "rateHz", profile.rateHz());
        rate(g, "requestedRateHz", profile.requestedHz());
        g.writeNumberField("samples", shown);
        g.writeBooleanField("idleShown", profile.showIdle());
        g.writeArrayFieldStart("notes"); // how samples were taken where not plain wall-clock (virtual threads)
        for (String note : profile.notes()) {
            g.writeString(note);
        }
        g.writeEndArray();
        g.writeObjectFieldStart("buckets");
        Map<Bucket, Long> byBucket = profile.byBucket();
        for (Bucket b : Bucket.values()) {
            if (b == Bucket.IDLE && !profile.showIdle()) {
                continue;
            }
            long n = byBucket.getOrDefault(b, 0L);
            g.writeObjectFieldStart(b.label());
            g.writeNumberField("samples", n);
            g.writeNumberField("percent", percent(n, shown));
            g.writeEndObject();
        }
        g.writeEndObject();
        waits(g, profile, shown);
        TopFrames top = new TopFrames(profile);
        frames(g, "topSelf", top.bySelf(TOP), shown);
        frames(g, "topTotal", top.byTotal(TOP), shown);
        g.writeEndObject();
        g.flush();
        out.write('\n');
    }

    private static void frames(JsonGenerator g, String field, List<TopFrames.Entry> entries, long shown)
            throws IOException {
        g.writeArrayFieldStart(field);
        for (TopFrames.Entry e : entries) {
            g.writeStartObject();
            g.writeStringField("frame", e.name());
            g.writeNumberField("samples", e.samples());
            g.writeNumberField("percent", percent(e.samples(), shown));
            g.writeStringField("bucket", e.bucket().label());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /**
     * What the waits waited on: {@code {"bucket": "socket", "kind": "peer", "target": "127.0.0.1:6379",
     * "samples": 120, "percent": 12.5}}, largest first; a lock adds {@code lock} and {@code owner}.
     */
    private static void waits(JsonGenerator g, Profile profile, long shown) throws IOException {
        g.writeArrayFieldStart("waits");
        for (Profile.Wait w : profile.waits()) {
            g.writeStartObject();
            g.writeStringField("bucket", w.bucket().label());
            g.writeStringField("kind", w.target().kind().label());
            g.writeStringField("target", w.target().label());
            if (w.target().kind() == jspy.cli.profile.WaitTarget.Kind.LOCK) {
                nullable(g, "lock", w.target().name());
                nullable(g, "owner", w.target().owner());
            }
            g.writeNumberField("samples", w.samples());
            g.writeNumberField("percent", percent(w.samples(), shown));
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void nullable(JsonGenerator g, String field, String value) throws IOException {
        if (value == null || value.isEmpty()) {
            g.writeNullField(field);
        } else {
            g.writeStringField(field, value);
        }
    }

    static double percent(long part, long whole) {
        return whole == 0 ? 0 : round(100.0 * part / whole, 2);
    }

    private static double round(double value, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }

    private static void rate(JsonGenerator g, String field, double hz) throws IOException {
        if (hz == Math.rint(hz)) {
            g.writeNumberField(field, (long) hz);
        } else {
            g.writeNumberField(field, Double.parseDouble(Profile.hz(hz)));
        }
    }
}
