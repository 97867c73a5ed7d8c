package jspy.cli.serve;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import jspy.cli.output.PprofFormat;
import jspy.cli.profile.Profile;

/**
 * {@code --push URL}: one pprof per JVM per period to a Pyroscope-compatible
 * {@code POST /ingest?name=<app>.wall{labels}&from=&until=&spyName=jspy&format=pprof} (Grafana
 * Pyroscope's documented ingest API; the body is the profile itself). Sampling only enqueues; one
 * sender thread posts, with bounded retries and backoff. The queue is bounded: when the server is
 * away, the oldest profile is dropped and counted, so memory stays flat.
 */
final class Pusher implements AutoCloseable {
    static final int QUEUE = 32;
    private static final int ATTEMPTS = 3;
    private static final long BACKOFF_MILLIS = 1000;

    record Push(String app, long pid, long fromSeconds, long untilSeconds, byte[] pprof) {
    }

    private final URI base;
    private final Map<String, String> labels;
    private final Deque<Push> queue = new ArrayDeque<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Thread sender = new Thread(this::send, "jspy-push");

    Pusher(URI base, Map<String, String> labels) {
        this.base = base;
        this.labels = labels;
        sender.setDaemon(true);
        sender.start();
    }

    long dropped() {
        return dropped.get();
    }

    long failed() {
        return failed.get();
    }

    /** Queues one JVM's profile of [from, until] (epoch seconds); never blocks. */
    void offer(Profiled p, Profile profile, long from, long until) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        new PprofFormat().write(profile, body);
        synchronized (queue) {
            if (queue.size() >= QUEUE) {
                queue.removeFirst();
                if (dropped.incrementAndGet() == 1) {
                    ServeLog.info("push: queue full (is " + base + " down?); dropping the oldest profiles");
                }
            }
            queue.addLast(new Push(p.app, p.pid, from, until, body.toByteArray()));
            queue.notifyAll();
        }
    }

    private void send() {
        while (!Thread.currentThread().isInterrupted()) {
            Push next;
            synchronized (queue) {
                while (queue.isEmpty()) {
                    try {
                        queue.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                next = queue.removeFirst();
            }
            if (!post(next)) {
                return;
            }
        }
    }

    /** Posts with bounded retries; false only when interrupted. */
    private boolean post(Push push) {
        HttpRequest request = HttpRequest.newBuilder(uri(push)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(push.pprof())).build();
        String error = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() / 100 == 2) {
                    return true;
                }
                error = "HTTP " + r.statusCode() + " " + r.body().strip();
            } catch (IOException e) {
                error = e.toString();
            } catch (InterruptedException e) {
                return false;
            }
            try {
                Thread.sleep(BACKOFF_MILLIS << (attempt - 1));
            } catch (InterruptedException e) {
                return false;
            }
        }
        failed.incrementAndGet();
        ServeLog.info("push of JVM " + push.pid() + " failed after " + ATTEMPTS + " attempts: " + error);
        return true;
    }

    URI uri(Push push) {
        StringBuilder name = new StringBuilder(push.app()).append(".wall{pid=").append(push.pid());
        labels.forEach((k, v) -> name.append(',').append(k).append('=').append(v));
        name.append('}');
        String query = "name=" + URLEncoder.encode(name.toString(), StandardCharsets.UTF_8) + "&from="
                + push.fromSeconds() + "&until=" + push.untilSeconds() + "&spyName=jspy&format=pprof";
        String path = base.getPath() == null || base.getPath().isEmpty() || base.getPath().equals("/")
                ? "/ingest" : base.getPath();
        return base.resolve(path + "?" + query);
    }

    @Override
    public void close() {
        sender.interrupt();
    }
}
