package jspy.flamegraph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A headless Chromium driven over the DevTools Protocol with nothing but java.net.http and
 * Jackson. Fails (never skips) when Chromium is missing, so a CI without it cannot go green.
 * Shared with the CLI's tests (the timeline page) through this module's test jar.
 */
public final class Cdp implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final Map<String, List<Consumer<JsonNode>>> listeners = new ConcurrentHashMap<>();
    // Events are handled off the socket thread so a handler may itself send commands.
    private final ExecutorService events = Executors.newSingleThreadExecutor();

    private Cdp(Process process, Path profile, WebSocket.Builder builder, URI page) {
        this.process = process;
        this.profile = profile;
        this.socket = builder.buildAsync(page, new Listener()).orTimeout(10, TimeUnit.SECONDS).join();
    }

    public static Path chromium() {
        for (String dir : (System.getenv().getOrDefault("PATH", "") + ":/usr/bin").split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, "chromium");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        throw new AssertionError("chromium not found: apt-get install -y chromium");
    }

    /** Starts a fresh headless Chromium with its own profile and connects to its blank page. */
    public static Cdp launch() throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("jspy-chromium");
        Process process = new ProcessBuilder(chromium().toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1400,900",
                "--user-data-dir=" + profile, "--remote-debugging-port=0", "about:blank")
                .redirectErrorStream(true)
                .redirectOutput(profile.resolve("chromium.log").toFile())
                .start();
        try {
            int port = port(profile, process);
            HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
            String list = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/json/list")).timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString()).body();
            for (JsonNode target : JSON.readTree(list)) {
                if ("page".equals(target.path("type").asText())) {
                    URI ws = URI.create(target.get("webSocketDebuggerUrl").asText());
                    return new Cdp(process, profile, http.newWebSocketBuilder(), ws);
                }
            }
            throw new AssertionError("no page target in " + list);
        } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
            kill(process, profile);
            throw e;
        }
    }

    private static int port(Path profile, Process process) throws IOException, InterruptedException {
        Path file = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("chromium exited with " + process.exitValue() + ": "
                        + Files.readString(profile.resolve("chromium.log")));
            }
            if (Files.exists(file)) {
                List<String> lines = Files.readAllLines(file);
                if (!lines.isEmpty() && !lines.get(0).isBlank()) {
                    return Integer.parseInt(lines.get(0).trim());
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("chromium wrote no DevToolsActivePort within " + TIMEOUT);
    }

    /** Sends a command; the future completes with its result or fails with its error. */
    public CompletableFuture<JsonNode> send(String method, Map<String, ?> params) {
        int id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", JSON.valueToTree(params));
        CompletableFuture<JsonNode> result = new CompletableFuture<>();
        pending.put(id, result);
        synchronized (socket) { // WebSocket allows one outstanding send at a time
            socket.sendText(message.toString(), true).join();
        }
        return result;
    }

    public JsonNode call(String method, Map<String, ?> params) {
        return send(method, params).orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
    }

    public void on(String event, Consumer<JsonNode> handler) {
        listeners.computeIfAbsent(event, e -> new CopyOnWriteArrayList<>()).add(handler);
    }

    /** Evaluates a JS expression in the page and returns its value (JSON-serialisable). */
    public JsonNode eval(String expression) {
        JsonNode reply = call("Runtime.evaluate",
                Map.of("expression", expression, "returnByValue", true));
        if (reply.has("exceptionDetails")) {
            throw new AssertionError("JS failed: " + expression + " -> " + reply.get("exceptionDetails"));
        }
        return reply.path("result").path("value");
    }

    /** Navigates and waits for the load event. */
    public void open(URI uri) {
        open(uri, TIMEOUT);
    }

    /** Navigates and waits up to the time given for the load event: a page that takes time to answer. */
    public void open(URI uri, Duration timeout) {
        CompletableFuture<JsonNode> loaded = new CompletableFuture<>();
        on("Page.loadEventFired", loaded::complete);
        call("Page.enable", Map.of());
        send("Page.navigate", Map.of("url", uri.toString())).orTimeout(timeout.toSeconds(), TimeUnit.SECONDS).join();
        loaded.orTimeout(timeout.toSeconds(), TimeUnit.SECONDS).join();
    }

    /** Moves to (x, y) and clicks there with the left button, without waiting for the release. */
    public CompletableFuture<JsonNode> click(double x, double y) {
        move(x, y);
        for (String type : List.of("mousePressed", "mouseReleased")) {
            CompletableFuture<JsonNode> f = send("Input.dispatchMouseEvent", Map.of("type", type,
                    "x", x, "y", y, "button", "left", "clickCount", 1));
            if (type.equals("mouseReleased")) {
                return f; // may only complete after a dialog the click opened is answered
            }
            f.orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
        }
        throw new IllegalStateException();
    }

    /** Presses and releases a key; modifiers as CDP defines them (2 = Ctrl). */
    public void key(String key, String code, int keyCode, int modifiers) {
        for (String type : List.of("rawKeyDown", "keyUp")) {
            send("Input.dispatchKeyEvent", Map.of("type", type, "key", key, "code", code,
                    "windowsVirtualKeyCode", keyCode, "modifiers", modifiers))
                    .orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
        }
    }

    /** Turns the mouse wheel at (x, y): deltaY px, negative up, as a wheel notch reports. */
    public void wheel(double x, double y, double deltaY) {
        call("Input.dispatchMouseEvent", Map.of("type", "mouseWheel", "x", x, "y", y, "deltaX", 0, "deltaY", deltaY));
    }

    /** Presses or releases the left button at (x, y); a move in between drags. */
    public void button(String type, double x, double y) {
        call("Input.dispatchMouseEvent", Map.of("type", type, "x", x, "y", y, "button", "left", "clickCount", 1));
    }

    public void move(double x, double y) {
        call("Input.dispatchMouseEvent", Map.of("type", "mouseMoved", "x", x, "y", y));
    }

    /** Presses at (x0, y), moves to (x1, y) in steps, releases there: a brush (the timeline page). */
    public void drag(double x0, double x1, double y) {
        move(x0, y);
        button("mousePressed", x0, y);
        for (int i = 1; i <= 5; i++) {
            call("Input.dispatchMouseEvent", Map.of("type", "mouseMoved", "x", x0 + (x1 - x0) * i / 5, "y", y,
                    "button", "left", "buttons", 1));
        }
        button("mouseReleased", x1, y);
    }

    /** A PNG of the whole page as laid out (beyond the window, when it is taller). */
    public byte[] screenshot() {
        JsonNode size = call("Page.getLayoutMetrics", Map.of()).get("cssContentSize");
        JsonNode r = call("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true,
                "clip", Map.of("x", 0, "y", 0, "width", size.get("width").asDouble(),
                        "height", size.get("height").asDouble(), "scale", 1)));
        return java.util.Base64.getDecoder().decode(r.get("data").asText());
    }

    @Override
    public void close() {
        socket.abort();
        events.shutdownNow();
        kill(process, profile);
    }

    private static void kill(Process process, Path profile) {
        // Renderer and zygote children usually follow their parent, but not if it is SIGKILLed
        // mid-start; kill them by handle so no stray Chromium outlives the test.
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(profile)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // Chromium may still be writing into its profile; a leftover temp dir is harmless.
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                dispatch(text.toString());
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }

        private void dispatch(String raw) {
            JsonNode message;
            try {
                message = JSON.readTree(raw);
            } catch (IOException e) {
                throw new IllegalStateException("bad CDP message: " + raw, e);
            }
            if (message.has("id")) {
                CompletableFuture<JsonNode> f = pending.remove(message.get("id").asInt());
                if (f != null && message.has("error")) {
                    f.completeExceptionally(new AssertionError("CDP error: " + message.get("error")));
                } else if (f != null) {
                    f.complete(message.path("result"));
                }
            } else {
                String method = message.path("method").asText();
                JsonNode params = message.path("params");
                for (Consumer<JsonNode> h : listeners.getOrDefault(method, List.of())) {
                    events.execute(() -> h.accept(params));
                }
            }
        }
    }
}
