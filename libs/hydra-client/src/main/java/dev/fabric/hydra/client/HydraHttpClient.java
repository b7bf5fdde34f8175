package dev.fabric.hydra.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fabric.hydra.api.CommitRequest;
import dev.fabric.hydra.api.ConfirmedSnapshot;
import dev.fabric.hydra.api.HeadState;
import dev.fabric.hydra.api.HydraJson;
import dev.fabric.hydra.api.ProtocolParameters;
import dev.fabric.hydra.api.SubmitTxResult;
import dev.fabric.hydra.api.Transaction;
import dev.fabric.hydra.api.Utxo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * hydra-node's HTTP endpoints (same host and port as the WebSocket), with typed results. Statuses
 * an endpoint documents as answers (e.g. 400 for an invalid transaction) become results; any other
 * status is a {@link HydraHttpException} carrying the body.
 */
public final class HydraHttpClient {

    private static final Set<Integer> SUBMIT_ANSWERS = Set.of(200, 202, 400, 503);
    /** Runs the asynchronous calls as blocking ones on reused daemon threads (see {@link #sendAndWait}). */
    private static final Executor ASYNC_CALLS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "hydra-http-call");
        thread.setDaemon(true);
        return thread;
    });

    private final URI baseUri;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final ObjectMapper mapper = HydraJson.mapper();

    public HydraHttpClient(URI nodeUri) {
        this(nodeUri, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), Duration.ofSeconds(30));
    }

    /**
     * @param requestTimeout per request; {@code POST /transaction} waits for the node's verdict, so
     *                       keep this above the node's {@code --api-transaction-timeout} if relying on it
     */
    public HydraHttpClient(URI nodeUri, HttpClient http, Duration requestTimeout) {
        String base = Objects.requireNonNull(nodeUri, "nodeUri").toString()
                .replaceFirst("^ws://", "http://").replaceFirst("^wss://", "https://");
        this.baseUri = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        this.http = Objects.requireNonNull(http, "http");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
    }

    /** {@code GET /protocol-parameters}: the L2 ledger's parameters (zero fees on a recommended head). */
    public ProtocolParameters protocolParameters() {
        return get("/protocol-parameters", ProtocolParameters.class, false).orElseThrow();
    }

    /** {@code GET /snapshot}: the latest confirmed snapshot; empty if the head was never open (404). */
    public Optional<ConfirmedSnapshot> snapshot() {
        return get("/snapshot", ConfirmedSnapshot.class, true);
    }

    /** {@code GET /snapshot/utxo}: the UTxO of the latest confirmed snapshot; empty if never open (404). */
    public Optional<Utxo> snapshotUtxo() {
        return get("/snapshot/utxo", Utxo.class, true);
    }

    /** {@code GET /head}: the node's full internal head state. */
    public HeadState head() {
        return get("/head", HeadState.class, false).orElseThrow();
    }

    /** {@code POST /transaction}, waiting for the answer; see {@link #submitTransactionAsync(Transaction)}. */
    public SubmitTxResult submitTransaction(Transaction transaction) {
        return submitResult(sendAndWait("POST", "/transaction", json(transaction)));
    }

    /**
     * {@code POST /transaction} (≥ 1.0.0): 202 valid (not final), 200 already confirmed, 400 invalid,
     * 503 node out of sync; each becomes a {@link SubmitTxResult}.
     */
    public CompletableFuture<SubmitTxResult> submitTransactionAsync(Transaction transaction) {
        String body = json(transaction);
        return CompletableFuture.supplyAsync(() -> submitResult(sendAndWait("POST", "/transaction", body)), ASYNC_CALLS);
    }

    private SubmitTxResult submitResult(HttpResponse<String> response) {
        if (!SUBMIT_ANSWERS.contains(response.statusCode())) {
            throw failure("POST", response);
        }
        return parse("POST", response, mapper.constructType(SubmitTxResult.class));
    }

    /** {@code POST /commit}: drafts the deposit transaction for these outputs, to sign and submit on L1. */
    public Transaction commit(CommitRequest request) {
        HttpResponse<String> response = sendAndWait("POST", "/commit", json(request));
        if (response.statusCode() != 200) {
            throw failure("POST", response);
        }
        return parse("POST", response, mapper.constructType(Transaction.class));
    }

    public Transaction commit(Utxo utxoToCommit) {
        return commit(new CommitRequest.Simple(utxoToCommit));
    }

    private <T> Optional<T> get(String path, Class<T> type, boolean notFoundIsEmpty) {
        HttpResponse<String> response = sendAndWait("GET", path, null);
        if (notFoundIsEmpty && response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw failure("GET", response);
        }
        return Optional.of(parse("GET", response, mapper.constructType(type)));
    }

    /**
     * Every call uses the client's blocking send: its asynchronous one hands each completion to
     * CompletableFuture's default executor, which with fewer than three cores (a small pod, this
     * machine) starts a new thread per request.
     */
    private HttpResponse<String> sendAndWait(String method, String path, String body) {
        try {
            return http.send(request(method, path, body), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for hydra-node", e);
        } catch (java.io.IOException | RuntimeException e) {
            throw new HydraHttpException(method, baseUri.resolve(path), e);
        }
    }

    private HttpRequest request(String method, String path, String body) {
        // HTTP/1.1, what hydra-node's API is: the JDK client would otherwise offer an h2c upgrade on every
        // new connection, and a server taking it (the devnet's) had a response read as HTTP/2 frames.
        HttpRequest.Builder request = HttpRequest.newBuilder(baseUri.resolve(path))
                .version(HttpClient.Version.HTTP_1_1)
                .timeout(requestTimeout)
                .header("Accept", "application/json");
        if (body == null) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return request.build();
    }

    private <T> T parse(String method, HttpResponse<String> response, JavaType type) {
        try {
            return mapper.readValue(response.body(), type);
        } catch (JsonProcessingException e) {
            throw new HydraHttpException(method, response.uri(), response.statusCode(),
                    "unreadable " + type.getRawClass().getSimpleName() + " (" + e.getOriginalMessage() + "): " + response.body());
        }
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + value.getClass().getSimpleName(), e);
        }
    }

    private static HydraHttpException failure(String method, HttpResponse<String> response) {
        return new HydraHttpException(method, response.uri(), response.statusCode(), response.body());
    }
}
