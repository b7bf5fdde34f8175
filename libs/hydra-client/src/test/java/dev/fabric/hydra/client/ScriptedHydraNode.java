package dev.fabric.hydra.client;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * A stand-in for hydra-node in tests: one port serving the WebSocket and scripted HTTP answers. On
 * each WebSocket connection it replays its persisted frames if asked ({@code history=yes}), then
 * greets, as the node does. Tests decide what it persists, broadcasts and answers.
 */
final class ScriptedHydraNode implements AutoCloseable {

    static final String GREETINGS = "{\"tag\":\"Greetings\",\"me\":{\"vkey\":\"d0b8f28427aa7b640c636075905cbd6574a431aeaca5b3dbafd47cfe66c35043\"},"
            + "\"headStatus\":\"Open\",\"hydraHeadId\":\"4c7c3f93c709ce947017010da871509f\",\"hydraNodeVersion\":\"2.3.0\"}";

    record HttpAnswer(int status, String body) {
    }

    /** @param protocol the HTTP version the request came with ({@code HTTP_1_1}, {@code HTTP_2}) */
    record HttpCall(String method, String path, String body, String protocol) {
    }

    private final Vertx vertx = Vertx.vertx();
    private final List<String> history = new CopyOnWriteArrayList<>();
    private final List<ServerWebSocket> sockets = new CopyOnWriteArrayList<>();
    private final List<String> queries = new CopyOnWriteArrayList<>();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final List<HttpCall> httpCalls = new CopyOnWriteArrayList<>();
    private final Map<String, HttpAnswer> answers = new ConcurrentHashMap<>();
    private final AtomicInteger pongs = new AtomicInteger();
    private volatile String greetings = GREETINGS;
    private volatile BiConsumer<ScriptedHydraNode, String> onClientText = (node, text) -> { };
    private volatile HttpServer server;
    private volatile int port;

    static ScriptedHydraNode start() {
        return startOn(0);
    }

    static ScriptedHydraNode startOn(int port) {
        ScriptedHydraNode node = new ScriptedHydraNode();
        node.listen(port);
        return node;
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Frames every new connection gets (with history=yes) before Greetings. */
    void persist(String frame) {
        history.add(frame);
    }

    /** Persists and sends to every open connection, like a new node output. */
    void persistAndBroadcast(String frame) {
        history.add(frame);
        broadcast(frame);
    }

    /** Sends to every open connection without persisting (client messages, garbage). */
    void broadcast(String frame) {
        for (ServerWebSocket socket : sockets) {
            socket.writeTextMessage(frame);
        }
    }

    /** Sends a binary frame, which a JSON client must skip. */
    void broadcastBinary(byte[] bytes) {
        for (ServerWebSocket socket : sockets) {
            socket.writeBinaryMessage(Buffer.buffer(bytes));
        }
    }

    /** Replaces the persisted history, e.g. to play a node whose database was wiped. */
    void replaceHistory(List<String> frames) {
        history.clear();
        history.addAll(frames);
    }

    void greetWith(String json) {
        greetings = json;
    }

    void onClientText(BiConsumer<ScriptedHydraNode, String> handler) {
        onClientText = handler;
    }

    void answer(String method, String path, int status, String body) {
        answers.put(method + " " + path, new HttpAnswer(status, body));
    }

    void sendPing() {
        for (ServerWebSocket socket : sockets) {
            socket.writePing(Buffer.buffer("node"));
        }
    }

    /** Closes every WebSocket with 1011 as a failing node would; the server keeps listening. */
    void dropAllConnections() {
        for (ServerWebSocket socket : sockets) {
            socket.close((short) 1011, "dropped by test");
        }
    }

    void stop() {
        HttpServer running = server;
        if (running != null) {
            await(running.close());
            server = null;
            sockets.clear();
        }
    }

    /** Stops and listens again on the same port, like a node restart. */
    void restart() {
        stop();
        // The freed port can be taken briefly by another process picking a free port; retry for a bounded time.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                listen(port);
                return;
            } catch (IllegalStateException e) {
                if (System.nanoTime() > deadline || !(rootCause(e) instanceof java.net.BindException)) {
                    throw e;
                }
                await(vertx.timer(100));
            }
        }
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    int openConnections() {
        return sockets.size();
    }

    List<String> queries() {
        return List.copyOf(queries);
    }

    List<String> received() {
        return List.copyOf(received);
    }

    List<HttpCall> httpCalls() {
        return List.copyOf(httpCalls);
    }

    int pongsReceived() {
        return pongs.get();
    }

    @Override
    public void close() {
        stop();
        await(vertx.close());
    }

    private void listen(int requestedPort) {
        HttpServer created = vertx.createHttpServer()
                .webSocketHandler(this::accept)
                .requestHandler(this::serve);
        server = await(created.listen(requestedPort, "127.0.0.1"));
        port = server.actualPort();
    }

    private void accept(ServerWebSocket socket) {
        String query = socket.query() == null ? "" : socket.query();
        queries.add(query);
        socket.textMessageHandler(text -> {
            received.add(text);
            onClientText.accept(this, text);
        });
        socket.pongHandler(ignored -> pongs.incrementAndGet());
        socket.closeHandler(ignored -> sockets.remove(socket));
        if (List.of(query.split("&")).contains("history=yes")) {
            for (String frame : new ArrayList<>(history)) {
                socket.writeTextMessage(frame);
            }
        }
        socket.writeTextMessage(greetings);
        sockets.add(socket);
    }

    private void serve(HttpServerRequest request) {
        request.body().onComplete(body -> {
            String text = body.succeeded() ? body.result().toString() : "";
            httpCalls.add(new HttpCall(request.method().name(), request.path(), text, request.version().name()));
            HttpAnswer answer = answers.getOrDefault(request.method().name() + " " + request.path(),
                    new HttpAnswer(400, "\"Resource not found\""));
            request.response()
                    .setStatusCode(answer.status())
                    .putHeader("Content-Type", "application/json")
                    .end(answer.body());
        });
    }

    private static <T> T await(io.vertx.core.Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("test node operation failed", e);
        }
    }
}
