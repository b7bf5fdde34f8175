package dev.fabric.grid.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.fabric.grid.view.MarketSnapshot;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The live dashboard: one static page fed by server-sent events carrying {@link MarketSnapshot}s
 * once a second ({@code /api/stream}), plus the same snapshot on demand ({@code /api/state}).
 */
public final class DashboardServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DashboardServer.class);
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final Vertx vertx;
    private final Supplier<MarketSnapshot> snapshots;
    private final byte[] page;
    private final Set<HttpServerResponse> streams = ConcurrentHashMap.newKeySet();
    private HttpServer server;
    private long timer;

    public DashboardServer(Vertx vertx, Supplier<MarketSnapshot> snapshots) {
        this.vertx = vertx;
        this.snapshots = snapshots;
        try (InputStream in = DashboardServer.class.getResourceAsStream("index.html")) {
            if (in == null) {
                throw new IllegalStateException("dashboard page missing from the jar");
            }
            this.page = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Listens on {@code port} (0 = any free port); returns the bound port. */
    public int start(int port) {
        try {
            server = vertx.createHttpServer().requestHandler(this::handle).listen(port, "0.0.0.0")
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the dashboard on port " + port + ": " + e.getMessage(), e);
        }
        timer = vertx.setPeriodic(1000, id -> push());
        return server.actualPort();
    }

    private void handle(HttpServerRequest request) {
        HttpServerResponse response = request.response();
        switch (request.path()) {
            case "/", "/index.html" -> response.putHeader("Content-Type", "text/html; charset=utf-8")
                    .end(io.vertx.core.buffer.Buffer.buffer(page));
            case "/api/state" -> response.putHeader("Content-Type", "application/json").end(json(snapshots.get()));
            case "/api/stream" -> {
                response.setChunked(true)
                        .putHeader("Content-Type", "text/event-stream")
                        .putHeader("Cache-Control", "no-cache")
                        .putHeader("Access-Control-Allow-Origin", "*");
                response.write("data: " + json(snapshots.get()) + "\n\n");
                streams.add(response);
                response.closeHandler(ignored -> streams.remove(response));
            }
            default -> response.setStatusCode(404).end("not found");
        }
    }

    private void push() {
        if (streams.isEmpty()) {
            return;
        }
        String event = "data: " + json(snapshots.get()) + "\n\n";
        for (HttpServerResponse stream : streams) {
            stream.write(event).onFailure(e -> streams.remove(stream));
        }
    }

    private static String json(MarketSnapshot snapshot) {
        try {
            return JSON.writeValueAsString(snapshot);
        } catch (IOException e) {
            LOG.error("Cannot render the market snapshot", e);
            return "{}";
        }
    }

    @Override
    public void close() {
        vertx.cancelTimer(timer);
        streams.forEach(HttpServerResponse::end);
        if (server != null) {
            server.close();
        }
    }
}
