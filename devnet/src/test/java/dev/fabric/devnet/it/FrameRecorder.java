package dev.fabric.devnet.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fabric.hydra.api.schema.HydraApiSchema;
import dev.fabric.hydra.api.schema.SchemaCheck;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A bare WebSocket client that keeps every frame the devnet sends, exactly as sent, and checks each
 * against hydra-node's api.yaml with the hydra-client's schema helper. Tests assert on the frames and
 * finish with {@link #schemaViolations()} being empty.
 */
final class FrameRecorder implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<JsonNode> frames = new CopyOnWriteArrayList<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final WebSocket socket;
    private volatile boolean closedByServer;

    private FrameRecorder(URI uri) {
        socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(uri, new Listener()).join();
    }

    /** @param query e.g. {@code history=yes&snapshot-utxo=no} */
    static FrameRecorder connect(URI webSocketUri, String query) {
        return new FrameRecorder(URI.create(webSocketUri + (query.isEmpty() ? "" : "?" + query)));
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                record(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closedByServer = true;
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closedByServer = true;
        }
    }

    private void record(String text) {
        try {
            JsonNode frame = JSON.readTree(text);
            SchemaCheck check = HydraApiSchema.validateWebSocketMessage(frame);
            if (!check.valid()) {
                violations.add(frame.path("tag").asText() + ": " + check.errors());
            }
            frames.add(frame);
        } catch (Exception e) {
            violations.add("not JSON: " + text);
        }
    }

    void send(String text) {
        socket.sendText(text, true).join();
    }

    List<JsonNode> frames() {
        return List.copyOf(frames);
    }

    List<JsonNode> tagged(String tag) {
        return frames.stream().filter(f -> tag.equals(f.path("tag").asText())).toList();
    }

    List<String> tags() {
        return frames.stream().map(f -> f.path("tag").asText()).toList();
    }

    boolean has(Predicate<JsonNode> frame) {
        return frames.stream().anyMatch(frame);
    }

    List<Long> seqs() {
        List<Long> seqs = new ArrayList<>();
        frames.stream().filter(f -> f.has("seq")).forEach(f -> seqs.add(f.get("seq").asLong()));
        return seqs;
    }

    List<String> schemaViolations() {
        return List.copyOf(violations);
    }

    boolean closedByServer() {
        return closedByServer;
    }

    @Override
    public void close() {
        if (!closedByServer) {
            CompletableFuture<WebSocket> closing = socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
            closing.exceptionally(e -> null);
        }
        socket.abort();
    }
}
