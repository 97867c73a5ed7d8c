package jspy.cli.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jspy.cli.output.Format;
import jspy.cli.profile.Profile;
import jspy.cli.profile.TargetInfo;

/**
 * {@code GET /profile?seconds=N[&pid=P][&format=...][&idle=1]}: the next N seconds of one JVM (or
 * of all, each under a {@code pid N} root frame), pprof by default as Go's net/http/pprof serves
 * it, so {@code go tool pprof http://127.0.0.1:9464/profile?seconds=10} works as is. Idle stacks
 * are left out unless asked, as in record: in a wall profile they bury the work (measured: futex
 * waits led CpuApp's -top at 91%, its hot loop 5%).
 */
final class ProfileEndpoint implements HttpHandler {
    static final double MAX_SECONDS = 300;
    private static final String TEXT = "text/plain; charset=utf-8";

    private final Targets targets;

    ProfileEndpoint(Targets targets) {
        this.targets = targets;
    }

    @Override
    public void handle(HttpExchange x) throws IOException {
        Map<String, String> q = query(x.getRequestURI().getRawQuery());
        double seconds;
        try {
            seconds = Double.parseDouble(q.getOrDefault("seconds", "30")); // Go's default
        } catch (NumberFormatException e) {
            seconds = -1;
        }
        Format format = format(q.getOrDefault("format", "pprof"));
        if (!(seconds > 0 && seconds <= MAX_SECONDS) || format == null) {
            Endpoints.reply(x, 400, TEXT, "bad request: seconds must be in (0, " + (int) MAX_SECONDS
                    + "], format one of pprof, svg, collapsed, json, speedscope, html\n");
            return;
        }
        List<Profiled> from = q.containsKey("pid") ? one(q.get("pid")) : targets.all();
        if (from.isEmpty()) {
            Endpoints.reply(x, 404, TEXT, "no such JVM being sampled: see / for the list\n");
            return;
        }
        Profile profile;
        try {
            boolean idle = "1".equals(q.get("idle")) || "true".equals(q.get("idle"));
            profile = capture(from, seconds, format.timeline(), idle);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        format.writer().write(profile, body);
        // The timeline page opens in the browser (the index links it); the other formats are files for tools.
        x.getResponseHeaders().set("Content-Disposition", (format == Format.HTML ? "inline" : "attachment")
                + "; filename=\"profile." + format.extension() + "\"");
        Endpoints.reply(x, 200, contentType(format), body.toByteArray());
    }

    /**
     * The next N seconds: a window edge in each JVM now and N seconds later (unless a window ended
     * close enough to then by itself), then the windows between them. An agent without edges
     * gets whole windows: up to two more of them, and 5 s for a loaded machine.
     */
    private static Profile capture(List<Profiled> from, double seconds, boolean timeline, boolean idle)
            throws InterruptedException {
        Capture capture = new Capture(seconds, from.size(), epochNanos(), timeline);
        from.forEach(p -> p.capture(capture));
        if (!capture.awaitEnd()) {
            from.stream().filter(p -> !capture.done(p.pid)).forEach(Profiled::requestWindowEdge);
        }
        Profiled first = from.get(0);
        TargetInfo info = from.size() == 1 ? first.info() : new TargetInfo(first.pid, "", "", from.size());
        return capture.await(2 * Profiled.WINDOW_MILLIS + 5000, info, idle);
    }

    private List<Profiled> one(String pid) {
        try {
            Profiled p = targets.get(Long.parseLong(pid));
            return p == null ? List.of() : List.of(p);
        } catch (NumberFormatException e) {
            return List.of();
        }
    }

    static Format format(String name) {
        for (Format f : Format.values()) {
            if (f.formatName().equalsIgnoreCase(name)) {
                return f;
            }
        }
        return null;
    }

    private static String contentType(Format f) {
        return switch (f) {
            case PPROF -> "application/octet-stream";
            case SVG -> "image/svg+xml";
            case JSON, SPEEDSCOPE -> "application/json";
            case HTML -> "text/html; charset=utf-8";
            default -> TEXT;
        };
    }

    static long epochNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }
}
