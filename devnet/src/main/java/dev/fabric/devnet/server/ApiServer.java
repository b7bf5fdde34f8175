package dev.fabric.devnet.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fabric.devnet.head.CommitRejectedException;
import dev.fabric.devnet.head.DevnetConfig;
import dev.fabric.devnet.head.EventJournal;
import dev.fabric.devnet.head.HeadOutputs;
import dev.fabric.devnet.head.HeadRuntime;
import dev.fabric.devnet.head.LatencyDistribution;
import dev.fabric.devnet.ledger.DecodedTx;
import dev.fabric.devnet.ledger.MalformedTxException;
import dev.fabric.devnet.ledger.TxDecoder;
import dev.fabric.hydra.api.ClientInput;
import dev.fabric.hydra.api.ClientMessage;
import dev.fabric.hydra.api.HydraMessageCodec;
import dev.fabric.hydra.api.InvalidInput;
import dev.fabric.hydra.api.ServerOutput;
import dev.fabric.hydra.api.SubmitTxResult;
import dev.fabric.hydra.api.Transaction;
import dev.fabric.hydra.api.Utxo;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.ServerWebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * hydra-node's client API on one port: WebSocket upgrade and HTTP, CORS {@code *}. Client input is
 * parsed on Vert.x's event loops and handed to the head's thread; outputs come back through
 * {@link HeadOutputs} and are written to each connection. Malformed input is answered (never fatal),
 * counted and logged.
 */
public final class ApiServer implements HeadOutputs {

    private static final Logger LOG = Logger.getLogger(ApiServer.class);
    /** hydra-node pings every connection every 30 s. */
    private static final long PING_INTERVAL_MS = 30_000;
    private static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

    /** What the server needs from the devnet around it: the current head and the admin actions. */
    public interface Control {
        HeadRuntime runtime();

        void dropConnections();

        /** Restarts the devnet in the background (the server answering the request goes down with it). */
        void restartLater();
    }

    private final Vertx vertx;
    private final DevnetConfig config;
    private final HydraMessageCodec codec;
    private final Control control;
    private final List<Connection> connections = new CopyOnWriteArrayList<>();
    private final AtomicLong malformedInputs = new AtomicLong();
    private final ExecutorService decoders;
    private volatile HttpServer server;

    /** @param decoders where submitted transactions are decoded and their witnesses verified */
    public ApiServer(Vertx vertx, DevnetConfig config, HydraMessageCodec codec, Control control, ExecutorService decoders) {
        this.decoders = decoders;
        this.vertx = vertx;
        this.config = config;
        this.codec = codec;
        this.control = control;
    }

    /** Binds the port; returns the port actually bound. */
    public int listen(int port) {
        HttpServerOptions options = new HttpServerOptions()
                .setHost(config.host())
                .setPort(port)
                .setReuseAddress(true)
                .setMaxWebSocketFrameSize(MAX_MESSAGE_BYTES)
                .setMaxWebSocketMessageSize(MAX_MESSAGE_BYTES)
                .setRegisterWebSocketWriteHandlers(false);
        HttpServer created = vertx.createHttpServer(options)
                .webSocketHandler(this::onWebSocket)
                .requestHandler(this::onRequest);
        server = created.listen().toCompletionStage().toCompletableFuture().join();
        return server.actualPort();
    }

    /** Stops listening and closes every connection. */
    public void close() {
        dropConnections();
        HttpServer current = server;
        if (current != null) {
            current.close().toCompletionStage().toCompletableFuture().join();
            server = null;
        }
    }

    public void dropConnections() {
        for (Connection connection : connections) {
            connections.remove(connection);
            connection.close();
        }
    }

    public int connectionCount() {
        return connections.size();
    }

    public long malformedInputs() {
        return malformedInputs.get();
    }

    // ------------------------------------------------------------------ outputs (head thread)

    @Override
    public void publish(EventJournal.Entry entry, String jsonWithUtxo, Set<String> addresses) {
        if (connections.isEmpty()) {
            return;
        }
        String frame = entry.json(codec);
        boolean snapshot = entry.output() instanceof ServerOutput.SnapshotConfirmed;
        for (Connection connection : connections) {
            if (snapshot) {
                if (connection.address() != null && !addresses.contains(connection.address())) {
                    continue;
                }
                connection.send(connection.wantsSnapshotUtxo() && jsonWithUtxo != null ? jsonWithUtxo : frame);
            } else {
                connection.send(frame);
            }
        }
    }

    @Override
    public void broadcast(ClientMessage message) {
        String frame = codec.encode(message);
        connections.forEach(c -> c.send(frame));
    }

    @Override
    public boolean wantsSnapshotUtxo() {
        for (Connection connection : connections) {
            if (connection.wantsSnapshotUtxo()) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ WebSocket

    private void onWebSocket(ServerWebSocket socket) {
        Connection connection = Connection.of(socket);
        socket.textMessageHandler(text -> onClientText(connection, text));
        socket.binaryMessageHandler(binary -> invalidInput(connection,
                "binary frames need ?encoding=cbor, which this node (2.3.0) does not offer", "<" + binary.length() + " bytes>"));
        socket.exceptionHandler(e -> LOG.debugf("WebSocket error: %s", e.getMessage()));
        long ping = vertx.setPeriodic(PING_INTERVAL_MS, id -> {
            if (!socket.isClosed()) {
                socket.writePing(Buffer.buffer());
            }
        });
        socket.closeHandler(closed -> {
            vertx.cancelTimer(ping);
            connections.remove(connection);
        });
        HeadRuntime runtime = control.runtime();
        // On the head's thread: nothing can be published between the history and the live feed.
        runtime.run(head -> {
            if (connection.wantsHistory()) {
                new HistoryFrames(codec, head, connection).replay(runtime.journal().entries(), connection::send);
            }
            connection.send(codec.encode(head.greetings(connection.wantsSnapshotUtxo())));
            if (!socket.isClosed()) {
                connections.add(connection);
            }
        });
    }

    private void onClientText(Connection connection, String text) {
        ClientInput input;
        try {
            input = codec.decodeClientInput(text);
        } catch (IllegalArgumentException e) {
            invalidInput(connection, e.getMessage(), text);
            return;
        }
        HeadRuntime runtime = control.runtime();
        if (input instanceof ClientInput.NewTx newTx) {
            // Decoding and signature checks need no head state: they run on the decoder pool, in parallel
            // across transactions, while the head takes them in arrival order.
            CompletableFuture<DecodedTx> decoded = CompletableFuture.supplyAsync(
                    () -> decode(connection, newTx.transaction(), text), decoders);
            runtime.run(head -> {
                DecodedTx tx = decoded.join();
                if (tx != null) {
                    head.onNewTx(tx, input, null);
                }
            });
        } else if (input instanceof ClientInput.Decommit decommit) {
            DecodedTx tx = decode(connection, decommit.decommitTx(), text);
            if (tx != null) {
                runtime.run(head -> head.onDecommit(tx, input));
            }
        } else if (input instanceof ClientInput.Init) {
            runtime.run(head -> head.onInit(input));
        } else if (input instanceof ClientInput.Close || input instanceof ClientInput.SafeClose) {
            runtime.run(head -> head.onClose(input));
        } else if (input instanceof ClientInput.Contest) {
            runtime.run(head -> head.onContest(input));
        } else if (input instanceof ClientInput.Fanout) {
            runtime.run(head -> head.onFanout(input));
        } else if (input instanceof ClientInput.Recover recover) {
            runtime.run(head -> {
                if (!head.onRecover(recover.recoverTxId())) {
                    head.rejectCommand(input);
                }
            });
        } else if (input instanceof ClientInput.Unknown unknown) {
            invalidInput(connection, "unknown input tag " + unknown.tag(), text);
        } else {
            // SideLoadSnapshot and PartialFanout: a single-party devnet has nothing to side-load or partially fan out
            runtime.run(head -> head.rejectCommand(input));
        }
    }

    /** Decodes a submitted transaction; a bad one is answered with {@code InvalidInput} (as the node's JSON parser does). */
    private DecodedTx decode(Connection connection, Transaction envelope, String text) {
        try {
            DecodedTx tx = TxDecoder.decode(envelope.cborHex());
            if (envelope.txId() != null && !envelope.txId().equals(tx.txId())) {
                invalidInput(connection, "txId " + envelope.txId() + " does not match the transaction body (" + tx.txId() + ")", text);
                return null;
            }
            return tx;
        } catch (MalformedTxException e) {
            invalidInput(connection, e.getMessage(), text);
            return null;
        }
    }

    private void invalidInput(Connection connection, String reason, String input) {
        malformedInputs.incrementAndGet();
        LOG.infof("invalid client input (%s): %.200s", reason, input);
        connection.send(codec.encode(new InvalidInput(reason, input)));
    }

    // ------------------------------------------------------------------ HTTP

    private void onRequest(HttpServerRequest request) {
        HttpServerResponse response = request.response();
        response.putHeader("Access-Control-Allow-Origin", "*");
        if (request.method() == HttpMethod.OPTIONS) {
            response.putHeader("Access-Control-Allow-Methods", "GET, POST, DELETE, OPTIONS")
                    .putHeader("Access-Control-Allow-Headers", "*")
                    .setStatusCode(200).end();
            return;
        }
        request.body().onComplete(body -> {
            if (body.failed()) {
                respond(response, 400, quoted("cannot read the request body: " + body.cause().getMessage()));
                return;
            }
            try {
                route(request, response, body.result());
            } catch (BadRequestException e) {
                malformedInputs.incrementAndGet();
                LOG.infof("bad request %s %s: %s", request.method(), request.path(), e.getMessage());
                respond(response, 400, quoted(e.getMessage()));
            } catch (RuntimeException e) {
                LOG.errorf(e, "request %s %s failed", request.method(), request.path());
                respond(response, 500, quoted("internal error: " + e.getMessage()));
            }
        });
    }

    private void route(HttpServerRequest request, HttpServerResponse response, Buffer body) {
        String path = request.path();
        HttpMethod method = request.method();
        HeadRuntime runtime = control.runtime();
        if (method == HttpMethod.GET && path.equals("/protocol-parameters")) {
            respond(response, 200, codec.write(config.protocolParameters().json()));
        } else if (method == HttpMethod.GET && path.equals("/snapshot")) {
            answer(response, runtime.call(h -> h.everOpened() ? codec.write(h.confirmedSnapshot()) : null), "No snapshot yet");
        } else if (method == HttpMethod.GET && path.equals("/snapshot/utxo")) {
            answer(response, runtime.call(h -> h.everOpened() ? codec.write(h.confirmedUtxo()) : null), "No head opened yet");
        } else if (method == HttpMethod.GET && path.equals("/snapshot/last-seen")) {
            answer(response, runtime.call(h -> codec.write(h.lastSeenSnapshot())), null);
        } else if (method == HttpMethod.GET && path.equals("/head")) {
            answer(response, runtime.call(h -> codec.write(h.headState())), null);
        } else if (method == HttpMethod.GET && path.equals("/commits")) {
            answer(response, runtime.call(h -> codec.write(h.pendingDeposits())), null);
        } else if (method == HttpMethod.POST && path.equals("/commit")) {
            Utxo utxo = commitRequest(body);
            runtime.call(h -> {
                try {
                    return codec.write(h.onCommit(utxo));
                } catch (CommitRejectedException e) {
                    throw new CompletionException(e);
                }
            }).whenComplete((json, error) -> {
                if (error == null) {
                    respond(response, 200, json);
                } else {
                    Throwable cause = error instanceof CompletionException ? error.getCause() : error;
                    respond(response, cause instanceof CommitRejectedException ? 400 : 500, quoted(cause.getMessage()));
                }
            });
        } else if (method == HttpMethod.DELETE && path.startsWith("/commits/")) {
            String depositTxId = java.net.URLDecoder.decode(path.substring("/commits/".length()), java.nio.charset.StandardCharsets.UTF_8);
            runtime.call(h -> h.onRecover(depositTxId)).whenComplete((recovered, error) ->
                    respond(response, Boolean.TRUE.equals(recovered) ? 200 : 400,
                            quoted(Boolean.TRUE.equals(recovered) ? "OK" : "No pending deposit " + depositTxId)));
        } else if (method == HttpMethod.POST && path.equals("/decommit")) {
            Transaction envelope = transaction(body);
            DecodedTx tx = decodeForHttp(envelope);
            runtime.run(h -> h.onDecommit(tx, new ClientInput.Decommit(envelope)));
            respond(response, 200, quoted("OK"));
        } else if (method == HttpMethod.POST && path.equals("/transaction")) {
            submitTransaction(runtime, response, transaction(body));
        } else if (method == HttpMethod.POST && path.equals("/cardano-transaction")) {
            respond(response, 400, quoted("the devnet has no layer 1 to submit to"));
        } else if (method == HttpMethod.GET && path.equals("/config")) {
            respond(response, 200, codec.write(configJson()));
        } else if (path.equals("/devnet/faults")) {
            if (method == HttpMethod.POST) {
                applyFault(runtime, response, json(body));
            } else {
                answer(response, runtime.call(h -> codec.write(h.faultState())), null);
            }
        } else if (method == HttpMethod.GET && path.equals("/devnet/metrics")) {
            ObjectNode metrics = codec.mapper().createObjectNode();
            metrics.put("connections", connections.size());
            metrics.put("malformedInputs", malformedInputs.get());
            metrics.put("lastSeq", runtime.journal().lastSeq());
            respond(response, 200, codec.write(metrics));
        } else {
            respond(response, 400, quoted("Resource not found"));
        }
    }

    private void submitTransaction(HeadRuntime runtime, HttpServerResponse response, Transaction envelope) {
        DecodedTx tx = decodeForHttp(envelope);
        CompletableFuture<SubmitTxResult> result = new CompletableFuture<>();
        runtime.run(h -> h.onNewTx(tx, new ClientInput.NewTx(envelope), result));
        long timeoutMs = config.transactionTimeout().toMillis();
        result.orTimeout(timeoutMs, TimeUnit.MILLISECONDS).whenComplete((outcome, error) -> {
            if (error != null) {
                if (error instanceof TimeoutException) {
                    ObjectNode timeout = codec.mapper().createObjectNode();
                    timeout.put("tag", "SubmitTxSubmitted");
                    timeout.put("timeout", "Transaction submission timed out after " + Duration.ofMillis(timeoutMs));
                    respond(response, 202, codec.write(timeout));
                } else {
                    respond(response, 500, quoted(error.getMessage()));
                }
                return;
            }
            int status = outcome instanceof SubmitTxResult.SubmitTxConfirmed ? 200
                    : outcome instanceof SubmitTxResult.SubmitTxInvalid ? 400
                    : outcome instanceof SubmitTxResult.SubmitTxRejected ? 503
                    : 202;
            respond(response, status, codec.write(outcome));
        });
    }

    private void applyFault(HeadRuntime runtime, HttpServerResponse response, JsonNode request) {
        String fault = request.path("fault").asText("");
        switch (fault) {
            case "drop-connections" -> {
                respond(response, 200, quoted("OK"));
                vertx.setTimer(1, id -> control.dropConnections());
            }
            case "restart" -> {
                respond(response, 202, quoted("restarting"));
                control.restartLater();
            }
            case "stall" -> {
                Duration duration = request.has("millis") ? Duration.ofMillis(request.get("millis").asLong())
                        : Duration.ofSeconds(requirePositive(request, "seconds"));
                answer(response, runtime.call(h -> {
                    h.stallSnapshots(duration);
                    return quoted("OK");
                }), null);
            }
            case "reject-next" -> {
                int count = (int) requirePositive(request, "count");
                answer(response, runtime.call(h -> {
                    h.rejectNextTransactions(count);
                    return quoted("OK");
                }), null);
            }
            case "slow-confirmation" -> {
                LatencyDistribution latency;
                try {
                    latency = LatencyDistribution.fromJson(request.path("latency"));
                } catch (IllegalArgumentException e) {
                    throw new BadRequestException(e.getMessage());
                }
                answer(response, runtime.call(h -> {
                    h.confirmationLatency(latency);
                    return quoted("OK");
                }), null);
            }
            case "clear" -> answer(response, runtime.call(h -> {
                h.clearFaults();
                return quoted("OK");
            }), null);
            default -> throw new BadRequestException("fault must be one of drop-connections, stall, restart, "
                    + "reject-next, slow-confirmation, clear; got \"" + fault + "\"");
        }
    }

    private static long requirePositive(JsonNode request, String field) {
        JsonNode value = request.get(field);
        if (value == null || !value.canConvertToLong() || value.asLong() <= 0) {
            throw new BadRequestException("the fault needs a positive integer \"" + field + "\"");
        }
        return value.asLong();
    }

    private ObjectNode configJson() {
        ObjectNode json = codec.mapper().createObjectNode();
        json.put("host", config.host());
        json.put("data-dir", config.dataDir() == null ? null : config.dataDir().toString());
        json.put("snapshot-policy", config.snapshotPolicy().toString());
        json.put("contestation-period", config.contestationPeriod().toSeconds());
        json.put("deposit-period", config.depositPeriod().toSeconds());
        json.put("system-start", config.systemStart().toString());
        json.put("hydra-node-version", DevnetConfig.HYDRA_NODE_VERSION);
        return json;
    }

    // ------------------------------------------------------------------ request bodies

    private JsonNode json(Buffer body) {
        try {
            JsonNode node = codec.mapper().readTree(body.toString());
            if (node == null || !node.isObject()) {
                throw new BadRequestException("the request body must be a JSON object");
            }
            return node;
        } catch (java.io.IOException e) {
            throw new BadRequestException("the request body is not JSON: " + e.getMessage());
        }
    }

    private Transaction transaction(Buffer body) {
        JsonNode json = json(body);
        try {
            return codec.mapper().treeToValue(json, Transaction.class);
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new BadRequestException("not a transaction {type, description, cborHex, txId?}: " + e.getMessage());
        }
    }

    private static DecodedTx decodeForHttp(Transaction envelope) {
        try {
            DecodedTx tx = TxDecoder.decode(envelope.cborHex());
            if (envelope.txId() != null && !envelope.txId().equals(tx.txId())) {
                throw new BadRequestException("txId " + envelope.txId() + " does not match the transaction body (" + tx.txId() + ")");
            }
            return tx;
        } catch (MalformedTxException e) {
            throw new BadRequestException(e.getMessage());
        }
    }

    /** {@code POST /commit} takes a UTxO map, {@code {"utxoToCommit": UTxO}} or {@code {"blueprintTx", "utxo"}}. */
    private Utxo commitRequest(Buffer body) {
        JsonNode json = json(body);
        JsonNode utxo = json.has("utxoToCommit") ? json.get("utxoToCommit") : json.has("blueprintTx") ? json.get("utxo") : json;
        try {
            return codec.mapper().treeToValue(utxo, Utxo.class);
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new BadRequestException("not a UTxO to commit: " + e.getMessage());
        }
    }

    // ------------------------------------------------------------------ responses

    private void answer(HttpServerResponse response, CompletableFuture<String> json, String notFound) {
        json.whenComplete((text, error) -> {
            if (error != null) {
                respond(response, 500, quoted("internal error: " + error.getMessage()));
            } else if (text == null) {
                respond(response, 404, quoted(notFound));
            } else {
                respond(response, 200, text);
            }
        });
    }

    private static void respond(HttpServerResponse response, int status, String json) {
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(status).putHeader("Content-Type", "application/json").end(json);
    }

    private String quoted(String text) {
        return codec.write(text);
    }

    /** The request is malformed; answered with 400 and its message. */
    private static final class BadRequestException extends RuntimeException {
        BadRequestException(String message) {
            super(message);
        }
    }
}
