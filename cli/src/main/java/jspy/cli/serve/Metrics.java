package jspy.cli.serve;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import jspy.cli.profile.Bucket;

/**
 * {@code GET /metrics} in OpenMetrics text (what Prometheus asks for first). Prometheus naming:
 * base units (seconds), {@code _total} on counters, labels app, pid, bucket and the user's
 * --labels; no per-frame or per-thread labels, whose cardinality would grow without bound; wait
 * targets at most {@link WaitSeconds#LIMIT} per JVM.
 */
final class Metrics {
    static final String CONTENT_TYPE = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    private Metrics() {
    }

    /** @param pusher the --push sender, or null */
    static String render(List<Profiled> targets, long attachErrors, Pusher pusher, Map<String, String> labels) {
        StringBuilder out = new StringBuilder(4096);
        String user = userLabels(labels);
        family(out, "jspy_wall_seconds", "counter", "seconds",
                "Thread-seconds sampled per bucket (every bucket, idle included).");
        for (Profiled p : targets) {
            Profiled.Counters c = p.counters();
            for (Bucket b : Bucket.values()) {
                sample(out, "jspy_wall_seconds_total", target(p) + ",bucket=\"" + b.label() + "\"" + user,
                        c.wallSeconds()[b.ordinal()]);
            }
        }
        family(out, "jspy_wait_seconds", "counter", "seconds", "Thread-seconds of socket, jdbc, lock and pool waits "
                + "per peer, lock or pool; " + WaitSeconds.LIMIT + " targets per JVM at most, the rest as other.");
        for (Profiled p : targets) {
            p.waitSeconds().forEach((k, seconds) -> sample(out, "jspy_wait_seconds_total", target(p) + ",bucket=\""
                    + k.bucket().label() + "\",target=\"" + escape(k.target()) + "\"" + user, seconds));
        }
        family(out, "jspy_samples", "counter", null, "Stack samples taken.");
        targets.forEach(p -> sample(out, "jspy_samples_total", target(p) + user, p.counters().samples()));
        family(out, "jspy_threads", "gauge", null, "Threads sampled in the last window.");
        targets.forEach(p -> sample(out, "jspy_threads", target(p) + user, p.counters().threads()));
        family(out, "jspy_up", "gauge", null, "1 while jspy samples the JVM, 0 once it stopped.");
        targets.forEach(p -> sample(out, "jspy_up", target(p) + user, p.up() ? 1 : 0));
        family(out, "jspy_attach_errors", "counter", null, "JVMs that refused to be sampled.");
        sample(out, "jspy_attach_errors_total", user.isEmpty() ? "" : user.substring(1), attachErrors);
        if (pusher != null) {
            family(out, "jspy_push_dropped", "counter", null, "Profiles dropped unsent: the push queue was full, or the server was away at exit.");
            sample(out, "jspy_push_dropped_total", user.isEmpty() ? "" : user.substring(1), pusher.dropped());
            family(out, "jspy_push_failures", "counter", null, "Profiles the push server refused after every retry.");
            sample(out, "jspy_push_failures_total", user.isEmpty() ? "" : user.substring(1), pusher.failed());
        }
        out.append("# EOF\n");
        return out.toString();
    }

    private static void family(StringBuilder out, String name, String type, String unit, String help) {
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        if (unit != null) {
            out.append("# UNIT ").append(name).append(' ').append(unit).append('\n');
        }
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    }

    private static void sample(StringBuilder out, String name, String labels, double value) {
        out.append(name);
        if (!labels.isEmpty()) {
            out.append('{').append(labels).append('}');
        }
        out.append(' ').append(value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value) : String.format(Locale.ROOT, "%.6f", value)).append('\n');
    }

    private static String target(Profiled p) {
        return "app=\"" + escape(p.app) + "\",pid=\"" + p.pid + "\"";
    }

    private static String userLabels(Map<String, String> labels) {
        StringBuilder out = new StringBuilder();
        labels.forEach((k, v) -> out.append(',').append(k).append("=\"").append(escape(v)).append('"'));
        return out.toString();
    }

    /** OpenMetrics label values: backslash, double quote and newline escaped. */
    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
