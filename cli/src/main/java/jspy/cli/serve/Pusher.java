package jspy.cli.serve;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import jspy.cli.output.PprofFormat;
import jspy.cli.profile.Profile;

/**
 * {@code --push URL}: one pprof per JVM per period to a Pyroscope-compatible
 * {@code POST /ingest?name=<app>.wall{labels}&from=&until=&spyName=jspy&format=pprof} (Grafana
 * Pyroscope's documented ingest API; the body is the profile itself). Sampling only enqueues; one
 * sender thread posts, with bounded retries and backoff. The queue is bounded: when the server is
 * away, the oldest profile is dropped and counted, so memory stays flat. At exit, {@link #flush}
 * makes one last attempt for what is still queued, within a short deadline.
 */
final class Pusher implements AutoCloseable {
    static final int QUEUE = 32;
    private static final int ATTEMPTS = 3;
    private static final long BACKOFF_MILLIS = 1000;
    private static final long SEND_MILLIS = 10_000;

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
                synchronized (queue) {
                    queue.addFirst(next); // interrupted by flush(): it gets its last attempt there
                }
                return;
            }
        }
    }

    /** Posts with bounded retries; false only when interrupted. */
    private boolean post(Push push) {
        String error = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                error = attempt(push, SEND_MILLIS);
                if (error == null) {
                    return true;
                }
                Thread.sleep(BACKOFF_MILLIS << (attempt - 1));
            } catch (InterruptedException e) {
                return false;
            }
        }
        failed.incrementAndGet();
        ServeLog.info("push of JVM " + push.pid() + " failed after " + ATTEMPTS + " attempts: " + error);
        return true;
    }

    /** One post that gives up after millis, whatever the server does; null when sent, else why not. */
    private String attempt(Push push, long millis) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri(push)).timeout(Duration.ofMillis(millis))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(push.pprof())).build();
        CompletableFuture<HttpResponse<String>> sent = http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        try {
            // get(timeout), not the request's timeout alone: that one does not bound the connect.
            HttpResponse<String> r = sent.get(millis, TimeUnit.MILLISECONDS);
            return r.statusCode() / 100 == 2 ? null : "HTTP " + r.statusCode() + " " + r.body().strip();
        } catch (ExecutionException e) {
            // The request's own timeout and get()'s race (CI, 2026-11-30): both mean the same to users.
            return e.getCause() instanceof HttpTimeoutException
                    ? "no answer within " + millis + " ms" : String.valueOf(e.getCause());
        } catch (TimeoutException e) {
            return "no answer within " + millis + " ms";
        } finally {
            sent.cancel(true);
        }
    }

    /**
     * At exit: stops the sender and makes one attempt for each profile still queued, all within
     * deadlineMillis; after the first failure the server is taken to be away and the rest are not
     * tried. What is not sent is counted as dropped and logged.
     */
    void flush(long deadlineMillis) {
        long deadline = System.currentTimeMillis() + deadlineMillis;
        sender.interrupt();
        try {
            sender.join(deadlineMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Push> pending;
        synchronized (queue) {
            pending = new ArrayList<>(queue);
            queue.clear();
        }
        int sent = 0;
        String error = null;
        for (Push push : pending) {
            long left = deadline - System.currentTimeMillis();
            if (error != null || left <= 0) {
                break;
            }
            try {
                error = attempt(push, left);
            } catch (InterruptedException e) {
                error = "interrupted";
            }
            sent += error == null ? 1 : 0;
        }
        int lost = pending.size() - sent;
        dropped.addAndGet(lost);
        if (!pending.isEmpty()) {
            ServeLog.info("push at exit: sent " + sent + " of " + pending.size() + " pending profile(s)"
                    + (lost == 0 ? "" : "; dropped " + lost + " (" + (error != null ? error : "out of time") + ")"));
        }
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
