package jspy.cli.dump;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;

/**
 * The same data for tools, one JSON document (schema in docs/dump.md):
 * <pre>
 * {"format": "jspy-dump", "version": 1, "pid": 123, "mainClass": "...", "javaVersion": "17.0.15", "notes": ["..."],
 *  "threads": [{"id": 23, "name": "...", "state": "BLOCKED" | null, "virtual": false, "bucket": "lock",
 *               "lock": null | {"name": "java.lang.Object@1b2c3d", "ownerId": 21 | null, "ownerName": "..." | null},
 *               "frames": [{"class": "a.B", "method": "m", "file": "B.java" | null, "line": 12,
 *                           "native": false}]}]}
 * </pre>
 * frames are leaf first; line is -1 when unknown.
 */
public final class DumpJson implements DumpWriter {
    @Override
    public void write(Dump dump, Writer out) throws IOException {
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            // like the summary JSON: tools check what they read ("version" changes only with a meaning)
            g.writeStringField("format", "jspy-dump");
            g.writeNumberField("version", 1);
            g.writeNumberField("pid", dump.pid());
            g.writeStringField("mainClass", dump.mainClass());
            g.writeStringField("javaVersion", dump.javaVersion());
            g.writeArrayFieldStart("notes");
            for (String note : dump.notes()) {
                g.writeString(note);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("threads");
            for (DumpedThread t : dump.threads()) {
                thread(g, t);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        out.write("\n");
    }

    private static void thread(JsonGenerator g, DumpedThread t) throws IOException {
        g.writeStartObject();
        g.writeNumberField("id", t.id());
        g.writeStringField("name", t.name());
        g.writeStringField("state", t.state());
        g.writeBooleanField("virtual", t.virtual());
        g.writeStringField("bucket", t.bucket().label());
        if (t.lock() == null) {
            g.writeNullField("lock");
        } else {
            g.writeObjectFieldStart("lock");
            g.writeStringField("name", t.lock());
            if (t.lockOwnerId() < 0) {
                g.writeNullField("ownerId");
            } else {
                g.writeNumberField("ownerId", t.lockOwnerId());
            }
            g.writeStringField("ownerName", t.lockOwnerName());
            g.writeEndObject();
        }
        g.writeArrayFieldStart("frames");
        for (StackFrame f : t.frames()) {
            g.writeStartObject();
            g.writeStringField("class", f.className());
            g.writeStringField("method", f.method());
            g.writeStringField("file", f.file());
            g.writeNumberField("line", Math.max(f.line(), -1));
            g.writeBooleanField("native", f.line() == StackFrame.NATIVE);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }
}
