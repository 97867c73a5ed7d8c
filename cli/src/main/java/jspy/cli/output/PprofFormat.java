package jspy.cli.output;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import jspy.cli.profile.Profile;
import jspy.cli.profile.Sample;
import jspy.cli.profile.WaitTarget;
import one.proto.Proto;

/**
 * A gzip'd perftools.profiles.Profile (profile.proto) for {@code go tool pprof}, Pyroscope and
 * Grafana: two sample types, {@code samples/count} and {@code wall/nanoseconds} (the default, so
 * {@code -top} shows time), each sample labelled with its {@code bucket}, what it waits on
 * ({@code peer}, {@code lock} or {@code pool}, see {@link WaitTarget#label()}) and, with {@code -t},
 * its {@code thread}. Threads and targets are labels, not frames, as pprof tools expect: {@code
 * -tagfocus peer=127.0.0.1:5432} filters, where a frame would only split the call graph. The wire format is
 * jfr-converter's {@link Proto}, the writer async-profiler's own pprof output uses.
 *
 * <p>Wall time per sample is 1 / achieved rate, so a profile's wall time adds up to the
 * thread-seconds sampled, the same unit as {@code jspy_wall_seconds_total}.
 */
public final class PprofFormat implements ProfileWriter {
    // Field numbers of perftools.profiles.Profile and its messages (profile.proto).
    private static final int SAMPLE_TYPE = 1, SAMPLE = 2, MAPPING = 3, LOCATION = 4, FUNCTION = 5, STRINGS = 6;
    private static final int DURATION = 10, PERIOD_TYPE = 11, PERIOD = 12, DEFAULT_TYPE = 14;

    @Override
    public void write(Profile profile, Writer out) {
        throw new UnsupportedOperationException("pprof is binary: write it to an OutputStream");
    }

    @Override
    public void write(Profile profile, OutputStream out) throws IOException {
        GZIPOutputStream gz = new GZIPOutputStream(out);
        Proto p = encode(profile);
        gz.write(p.buffer(), 0, p.size());
        gz.finish();
        gz.flush();
    }

    /** The uncompressed message. */
    static Proto encode(Profile profile) {
        Strings strings = new Strings();
        Map<String, Integer> functions = new LinkedHashMap<>();
        double rate = profile.rateHz() > 0 ? profile.rateHz() : profile.requestedHz();
        long nanosPerSample = rate > 0 ? Math.round(1e9 / rate) : 1;
        Proto p = new Proto(4096);
        p.field(SAMPLE_TYPE, valueType(strings, "samples", "count"));
        p.field(SAMPLE_TYPE, valueType(strings, "wall", "nanoseconds"));
        for (Sample s : profile.samples()) {
            if (profile.shown(s)) {
                p.field(SAMPLE, sample(s, profile.showThreads(), nanosPerSample, strings, functions));
            }
        }
        // One mapping that says the functions are known: pprof then never tries to symbolize.
        p.field(MAPPING, new Proto(32).field(1, 1).field(3, Long.MAX_VALUE).field(5, strings.index("jspy")).field(7, 1));
        for (int id = 1; id <= functions.size(); id++) {
            p.field(LOCATION, new Proto(16).field(1, id).field(2, 1).field(4, new Proto(8).field(1, id)));
        }
        int id = 1;
        for (String name : functions.keySet()) {
            p.field(FUNCTION, new Proto(16).field(1, id++).field(2, strings.index(name)));
        }
        p.field(DURATION, Math.round(profile.seconds() * 1e9));
        p.field(PERIOD_TYPE, valueType(strings, "wall", "nanoseconds"));
        p.field(PERIOD, nanosPerSample);
        p.field(DEFAULT_TYPE, strings.index("wall"));
        for (String s : strings.table.keySet()) {
            p.field(STRINGS, s);
        }
        return p;
    }

    private static Proto sample(Sample s, boolean threads, long nanosPerSample, Strings strings,
                                Map<String, Integer> functions) {
        Proto out = new Proto(64);
        WaitTarget target = s.target();
        List<String> frames = (target == null ? s : s.withoutTarget()).display(false);
        long locations = out.startField(1, 3); // packed, leaf first
        for (int i = frames.size() - 1; i >= 0; i--) {
            out.writeInt(functions.computeIfAbsent(frames.get(i), f -> functions.size() + 1));
        }
        out.commitField(locations);
        long values = out.startField(2, 3);
        out.writeLong(s.count());
        out.writeLong(s.count() * nanosPerSample);
        out.commitField(values);
        out.field(3, label(strings, "bucket", s.bucket().label()));
        if (target != null) {
            out.field(3, label(strings, target.kind().label(), target.label()));
        }
        if (threads && s.thread() != null) {
            out.field(3, label(strings, "thread", s.thread().substring(1, s.thread().length() - 1)));
        }
        return out;
    }

    private static Proto valueType(Strings strings, String type, String unit) {
        return new Proto(8).field(1, strings.index(type)).field(2, strings.index(unit));
    }

    private static Proto label(Strings strings, String key, String value) {
        return new Proto(8).field(1, strings.index(key)).field(2, strings.index(value));
    }

    /** profile.proto's string table: index 0 is the empty string. */
    private static final class Strings {
        final Map<String, Integer> table = new LinkedHashMap<>(Map.of("", 0));

        int index(String s) {
            return table.computeIfAbsent(s, k -> table.size());
        }
    }
}
