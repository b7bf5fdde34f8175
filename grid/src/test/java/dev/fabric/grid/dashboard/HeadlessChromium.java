package dev.fabric.grid.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's Chromium, headless, driven over the DevTools protocol: the page stays open with its
 * server-sent-event stream live (which {@code --dump-dom} cannot wait for), the test evaluates
 * expressions in it until they hold, and takes a screenshot. Flags as this machine kind needs them
 * (no sandbox as root, no background networking: the network is closed).
 */
public final class HeadlessChromium implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DEVTOOLS = Pattern.compile("DevTools listening on ws://([^/]+)/");

    private final Process process;
    private final Path profile;
    private final String devtools;
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private WebSocket page;

    private HeadlessChromium(Process process, Path profile, String devtools) {
        this.process = process;
        this.profile = profile;
        this.devtools = devtools;
    }

    /** The installed Chromium binary, if any ({@code CHROMIUM} in the environment, or Debian's). */
    public static Optional<Path> binary() {
        List<Path> candidates = new ArrayList<>();
        String configured = System.getenv("CHROMIUM");
        if (configured != null && !configured.isBlank()) {
            candidates.add(Path.of(configured));
        }
        candidates.add(Path.of("/usr/bin/chromium"));
        candidates.add(Path.of("/usr/bin/chromium-browser"));
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }

    /** Starts the browser with a fresh profile and waits for its DevTools endpoint. */
    public static HeadlessChromium launch(Path binary) throws IOException {
        Path profile = Files.createTempDirectory("fabric-chromium-");
        Process process = new ProcessBuilder(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--hide-scrollbars", "--window-size=1400,1600",
                "--remote-debugging-port=0", "--user-data-dir=" + profile, "about:blank")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader stderr = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = stderr.readLine()) != null) {
            Matcher m = DEVTOOLS.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> stderr.lines().forEach(l -> { }), "chromium-stderr");
                drain.setDaemon(true);
                drain.start();
                return new HeadlessChromium(process, profile, m.group(1));
            }
        }
        process.destroyForcibly();
        throw new IOException("Chromium exited before opening its DevTools endpoint");
    }

    /** Opens {@code url} in a new tab and attaches to it. */
    public void open(String url) throws IOException, InterruptedException {
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create("http://" + devtools + "/json/new?"
                + URLEncoder.encode(url, StandardCharsets.UTF_8))).PUT(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 200) {
            throw new IOException("DevTools refused to open a tab: " + created.statusCode() + " " + created.body());
        }
        String socket = JSON.readTree(created.body()).path("webSocketDebuggerUrl").asText();
        page = http.newWebSocketBuilder().buildAsync(URI.create(socket), new Replies()).join();
    }

    /** Evaluates {@code expression} in the page until its value satisfies {@code until}; returns that value. */
    public JsonNode await(String expression, Predicate<JsonNode> until, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        JsonNode value = null;
        while (Instant.now().isBefore(deadline)) {
            ObjectNode params = JSON.createObjectNode().put("expression", expression).put("returnByValue", true);
            value = call("Runtime.evaluate", params).path("result").path("value");
            if (until.test(value)) {
                return value;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the page never satisfied " + expression + "; last value: " + value);
    }

    /** Saves a PNG of the page as it is now. */
    public void screenshot(Path png) throws Exception {
        JsonNode shot = call("Page.captureScreenshot", JSON.createObjectNode().put("format", "png"));
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.write(png, Base64.getDecoder().decode(shot.path("data").asText()));
    }

    private JsonNode call(String method, ObjectNode params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        page.sendText(JSON.createObjectNode().put("id", id).put("method", method).set("params", params).toString(), true).join();
        JsonNode result = reply.get(30, TimeUnit.SECONDS);
        if (result.has("error")) {
            throw new IOException(method + " failed: " + result.get("error"));
        }
        return result.path("result");
    }

    @Override
    public void close() throws IOException {
        if (page != null) {
            page.abort();
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        try (var files = Files.walk(profile)) {
            files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
        }
    }

    /** Matches DevTools replies to their calls by id; events (no id) are not needed here. */
    private final class Replies implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    JsonNode message = JSON.readTree(partial.toString());
                    if (message.has("id")) {
                        CompletableFuture<JsonNode> reply = pending.remove(message.get("id").asInt());
                        if (reply != null) {
                            reply.complete(message);
                        }
                    }
                } catch (IOException e) {
                    pending.values().forEach(f -> f.completeExceptionally(e));
                } finally {
                    partial.setLength(0);
                }
            }
            socket.request(1);
            return null;
        }
    }
}
