package dev.fabric.hydra.client;

import dev.fabric.hydra.api.ClientInput;
import dev.fabric.hydra.api.ClientMessage;
import dev.fabric.hydra.api.FrameDecoding;
import dev.fabric.hydra.api.Greetings;
import dev.fabric.hydra.api.HydraMessageCodec;
import dev.fabric.hydra.api.InvalidInput;
import dev.fabric.hydra.api.MalformedFrame;
import dev.fabric.hydra.api.RawJson;
import dev.fabric.hydra.api.ServerMessage;
import dev.fabric.hydra.api.TimedServerOutput;
import dev.fabric.hydra.api.UnknownMessage;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * A long-lived WebSocket connection to one hydra-node: it connects with the configured query
 * ({@code history}, {@code snapshot-utxo}, {@code address}), delivers each persisted output once by
 * {@code seq} across replays and reconnects, reconnects with backoff after any drop, pings and drops
 * silent connections, and skips frames it cannot read without ever stopping the read loop.
 *
 * <p>Listeners run on the reader thread, one frame at a time, in the node's order.
 */
public final class HeadConnection implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(HeadConnection.class);
    private static final ByteBuffer PING = ByteBuffer.wrap("fabric".getBytes(StandardCharsets.US_ASCII)).asReadOnlyBuffer();

    private final HeadConnectionConfig config;
    private final HttpClient http;
    private final DelayScheduler scheduler;
    private final boolean ownsScheduler;
    private final HydraMessageCodec codec = new HydraMessageCodec();
    private final List<HeadListener> listeners = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Greetings> firstGreetings = new CompletableFuture<>();

    private final Object lock = new Object();
    private long generation;
    private WebSocket socket;
    private int attempt;
    private boolean started;
    private boolean closed;
    private DelayScheduler.Scheduled pendingReconnect;
    private DelayScheduler.Scheduled pendingHeartbeat;
    private CompletableFuture<?> sendTail = CompletableFuture.completedFuture(null);
    private CompletableFuture<?> pingInFlight = CompletableFuture.completedFuture(null);

    /** Serialises frame handling across sockets, so a late frame of an old socket cannot race a new one. */
    private final Object readLock = new Object();
    /** Written only under readLock; volatile so metrics and callers read it without waiting for a slow listener. */
    private volatile long lastSeq;
    private long lastSeqAtConnect;
    private long highestSeqOfConnection;
    private volatile long lastActivityMillis;
    private volatile Greetings greetings;

    private final AtomicLong connectionsOpened = new AtomicLong();
    private final AtomicLong framesReceived = new AtomicLong();
    private final AtomicLong outputsDelivered = new AtomicLong();
    private final AtomicLong duplicatesDropped = new AtomicLong();
    private final AtomicLong malformedFrames = new AtomicLong();
    private final AtomicLong unknownMessages = new AtomicLong();
    private final AtomicLong listenerFailures = new AtomicLong();
    private final AtomicLong pingsReceived = new AtomicLong();

    public HeadConnection(HeadConnectionConfig config) {
        this(config, HttpClient.newBuilder().connectTimeout(config.connectTimeout()).build(), null);
    }

    /**
     * @param scheduler runs reconnects and heartbeats and supplies the clock; null for a daemon
     *                  thread on the system clock, owned and closed by this connection
     */
    public HeadConnection(HeadConnectionConfig config, HttpClient http, DelayScheduler scheduler) {
        this.config = Objects.requireNonNull(config, "config");
        this.http = Objects.requireNonNull(http, "http");
        this.ownsScheduler = scheduler == null;
        this.scheduler = scheduler != null ? scheduler : DelayScheduler.daemonThread("hydra-head-" + config.nodeUri().getAuthority());
        this.lastSeq = config.resumeAfterSeq().orElse(-1);
    }

    public HeadConnection addListener(HeadListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    public void removeListener(HeadListener listener) {
        listeners.remove(listener);
    }

    /**
     * Starts connecting (and reconnecting, until {@link #close()}).
     *
     * @return completes with the first {@link Greetings}, i.e. once the history replay is through
     */
    public CompletableFuture<Greetings> start() {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("connection to " + config.nodeUri() + " is closed");
            }
            if (started) {
                return firstGreetings.copy();
            }
            started = true;
        }
        openSocket();
        return firstGreetings.copy();
    }

    /** Sends a client input; fails if the WebSocket is not open right now (inputs are never queued across reconnects). */
    public CompletableFuture<Void> send(ClientInput input) {
        String text = codec.encode(input);
        synchronized (lock) {
            if (closed || socket == null) {
                return CompletableFuture.failedFuture(new IllegalStateException(
                        (closed ? "closed" : "not connected") + ": cannot send " + input.tag() + " to " + config.nodeUri()));
            }
            WebSocket ws = socket;
            // The JDK allows one outstanding text message per WebSocket; chain them.
            CompletableFuture<Void> sent = sendTail.handle((ignored, error) -> null)
                    .thenCompose(ignored -> ws.sendText(text, true))
                    .thenApply(ignored -> null);
            sendTail = sent;
            return sent;
        }
    }

    public boolean isConnected() {
        synchronized (lock) {
            return socket != null;
        }
    }

    /** The latest greetings, from the current or the last connection. */
    public Optional<Greetings> greetings() {
        return Optional.ofNullable(greetings);
    }

    /** The highest {@code seq} delivered, or the configured resume point, or -1. */
    public long lastSeq() {
        return lastSeq;
    }

    public HeadConnectionConfig config() {
        return config;
    }

    public ConnectionMetrics metrics() {
        return new ConnectionMetrics(connectionsOpened.get(), framesReceived.get(), outputsDelivered.get(),
                duplicatesDropped.get(), malformedFrames.get(), unknownMessages.get(), listenerFailures.get(),
                pingsReceived.get(), lastSeq());
    }

    /** Sends a close frame, stops reconnecting and tells listeners; idempotent. */
    @Override
    public void close() {
        WebSocket ws;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            generation++;
            ws = socket;
            socket = null;
            cancel(pendingReconnect);
            cancel(pendingHeartbeat);
        }
        if (ws != null) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "client closing")
                    .orTimeout(2, TimeUnit.SECONDS)
                    .whenComplete((ignored, error) -> ws.abort());
        }
        firstGreetings.completeExceptionally(new IllegalStateException("closed before the node greeted"));
        notifyListeners(listener -> listener.onDisconnected(DisconnectReason.of(DisconnectReason.Kind.CLOSED_BY_CLIENT, "closed")));
        if (ownsScheduler) {
            scheduler.close();
        }
        LOG.debugf("closed connection to %s", config.nodeUri());
    }

    private void openSocket() {
        long gen;
        synchronized (lock) {
            if (closed) {
                return;
            }
            gen = ++generation;
            pendingReconnect = null;
        }
        LOG.debugf("connecting to %s", config.webSocketUri());
        CompletableFuture<WebSocket> opening;
        try {
            opening = http.newWebSocketBuilder()
                    .connectTimeout(config.connectTimeout())
                    .buildAsync(config.webSocketUri(), new Reader(gen));
        } catch (RuntimeException e) {
            opening = CompletableFuture.failedFuture(e);
        }
        opening.whenComplete((ws, error) -> {
            if (error != null) {
                dropped(gen, DisconnectReason.failed(DisconnectReason.Kind.CONNECT_FAILED, unwrap(error)));
            } else if (!isCurrent(gen)) {
                ws.abort();
            }
        });
    }

    /**
     * Adopts an opened socket. Runs in the listener's {@code onOpen}, which the JDK calls before any
     * message and possibly before {@code buildAsync} completes, so the socket is usable for sending
     * by the time its {@code Greetings} is delivered.
     */
    private boolean opened(long gen, WebSocket ws) {
        synchronized (lock) {
            if (generation != gen || closed) {
                return false;
            }
            socket = ws;
            sendTail = CompletableFuture.completedFuture(null);
            pingInFlight = CompletableFuture.completedFuture(null);
        }
        connectionsOpened.incrementAndGet();
        LOG.infof("connected to %s", config.webSocketUri());
        scheduleHeartbeat(gen);
        return true;
    }

    private void dropped(long gen, DisconnectReason reason) {
        WebSocket old;
        synchronized (lock) {
            if (generation != gen || closed) {
                return;
            }
            generation++;
            old = socket;
            socket = null;
            cancel(pendingHeartbeat);
        }
        if (old != null) {
            old.abort();
        }
        LOG.warnf("connection to %s ended: %s", config.nodeUri(), reason);
        notifyListeners(listener -> listener.onDisconnected(reason));
        scheduleReconnect();
    }

    private void scheduleReconnect() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            Duration delay = config.backoff().delay(attempt, config.random());
            attempt = Math.min(attempt + 1, 1_000);
            LOG.infof("reconnecting to %s in %d ms (attempt %d)", config.nodeUri(), delay.toMillis(), attempt);
            pendingReconnect = scheduler.schedule(delay, this::openSocket);
        }
    }

    private void scheduleHeartbeat(long gen) {
        synchronized (lock) {
            if (generation != gen || closed) {
                return;
            }
            pendingHeartbeat = scheduler.schedule(config.pingInterval(), () -> heartbeat(gen));
        }
    }

    /** Drops a silent connection, otherwise pings so the node's pong proves the link alive. */
    private void heartbeat(long gen) {
        WebSocket ws;
        boolean pingDue;
        synchronized (lock) {
            if (generation != gen || closed) {
                return;
            }
            ws = socket;
            pingDue = pingInFlight.isDone();
        }
        long silentMillis = scheduler.clock().millis() - lastActivityMillis;
        if (silentMillis > config.idleTimeout().toMillis()) {
            dropped(gen, DisconnectReason.of(DisconnectReason.Kind.IDLE_TIMEOUT, "no frame for " + silentMillis + " ms"));
            return;
        }
        if (ws != null && pingDue) {
            CompletableFuture<WebSocket> ping = ws.sendPing(PING.duplicate());
            synchronized (lock) {
                pingInFlight = ping;
            }
            ping.exceptionally(error -> {
                dropped(gen, DisconnectReason.failed(DisconnectReason.Kind.FAILED, unwrap(error)));
                return null;
            });
        }
        scheduleHeartbeat(gen);
    }

    private boolean isCurrent(long gen) {
        synchronized (lock) {
            return generation == gen && !closed;
        }
    }

    private void touch() {
        lastActivityMillis = scheduler.clock().millis();
    }

    private void handleFrame(long gen, String text) {
        synchronized (readLock) {
            if (!isCurrent(gen)) {
                return;
            }
            framesReceived.incrementAndGet();
            FrameDecoding decoding = codec.decodeFrame(text);
            if (decoding instanceof MalformedFrame malformed) {
                skipMalformed(malformed);
                return;
            }
            dispatch(((FrameDecoding.Decoded) decoding).message());
        }
    }

    private void skipMalformed(MalformedFrame malformed) {
        malformedFrames.incrementAndGet();
        LOG.warnf("skipped a malformed frame of %d chars from %s: %s; starts with: %s",
                malformed.length(), config.nodeUri(), malformed.problem(), malformed.excerpt());
        notifyListeners(listener -> listener.onMalformedFrame(malformed));
    }

    private void dispatch(ServerMessage message) {
        if (message instanceof TimedServerOutput timed) {
            highestSeqOfConnection = Math.max(highestSeqOfConnection, timed.seq());
            if (timed.seq() <= lastSeq) {
                duplicatesDropped.incrementAndGet();
                return;
            }
            lastSeq = timed.seq();
            outputsDelivered.incrementAndGet();
            if (timed.output() instanceof RawJson) {
                unknownMessages.incrementAndGet();
                LOG.debugf("delivering unknown output %s (seq %d) as raw JSON", timed.output().tag(), timed.seq());
            }
            notifyListeners(listener -> listener.onOutput(timed));
        } else if (message instanceof Greetings hello) {
            greeted(hello);
        } else if (message instanceof ClientMessage clientMessage) {
            notifyListeners(listener -> listener.onClientMessage(clientMessage));
        } else if (message instanceof InvalidInput invalidInput) {
            LOG.warnf("%s could not parse an input we sent: %s", config.nodeUri(), invalidInput.reason());
            notifyListeners(listener -> listener.onInvalidInput(invalidInput));
        } else if (message instanceof UnknownMessage unknown) {
            unknownMessages.incrementAndGet();
            LOG.debugf("delivering unknown message %s as raw JSON", unknown.tag());
            notifyListeners(listener -> listener.onUnknownMessage(unknown));
        }
    }

    private void greeted(Greetings hello) {
        greetings = hello;
        synchronized (lock) {
            attempt = 0;
        }
        LOG.infof("%s greets: hydra-node %s, head %s %s", config.nodeUri(), hello.hydraNodeVersion(), hello.headStatus(),
                hello.headId().orElse("-"));
        long before = lastSeqAtConnect;
        long nodeHighest = highestSeqOfConnection;
        if (config.history() && before >= 0 && nodeHighest < before) {
            LOG.errorf("%s replayed history only up to seq %d but seq %d was already delivered: the node's state was reset",
                    config.nodeUri(), nodeHighest, before);
            notifyListeners(listener -> listener.onSeqRegression(before, nodeHighest));
        }
        firstGreetings.complete(hello);
        notifyListeners(listener -> listener.onConnected(hello));
    }

    private void notifyListeners(Consumer<HeadListener> call) {
        for (HeadListener listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                listenerFailures.incrementAndGet();
                LOG.errorf(e, "listener %s failed; carrying on", listener);
            }
        }
    }

    private static void cancel(DelayScheduler.Scheduled scheduled) {
        if (scheduled != null) {
            scheduled.cancel();
        }
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    /** Reads one socket; every callback first checks that its socket is still the current one. */
    private final class Reader implements WebSocket.Listener {
        private final long gen;
        private final StringBuilder text = new StringBuilder();
        private int frameLength;
        private boolean oversized;

        Reader(long gen) {
            this.gen = gen;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            synchronized (readLock) {
                if (!isCurrent(gen)) {
                    webSocket.abort();
                    return;
                }
                lastSeqAtConnect = lastSeq;
                highestSeqOfConnection = -1;
            }
            touch();
            if (opened(gen, webSocket)) {
                webSocket.request(1);
            } else {
                webSocket.abort();
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            if (!isCurrent(gen)) {
                return null;
            }
            touch();
            frameLength += data.length();
            if (!oversized && frameLength > config.maxFrameChars()) {
                oversized = true;
            }
            if (oversized) {
                text.setLength(0);
            } else {
                text.append(data);
            }
            if (last) {
                if (oversized) {
                    framesReceived.incrementAndGet();
                    skipMalformed(MalformedFrame.of("", "frame of " + frameLength + " chars exceeds maxFrameChars " + config.maxFrameChars()));
                } else {
                    handleFrame(gen, text.toString());
                }
                text.setLength(0);
                frameLength = 0;
                oversized = false;
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            if (!isCurrent(gen)) {
                return null;
            }
            touch();
            if (last) {
                framesReceived.incrementAndGet();
                skipMalformed(MalformedFrame.of("", "binary frame; this client asks for JSON text frames"));
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
            // The JDK has already queued the pong; only liveness is recorded here.
            if (isCurrent(gen)) {
                touch();
                pingsReceived.incrementAndGet();
                webSocket.request(1);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
            if (isCurrent(gen)) {
                touch();
                webSocket.request(1);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            dropped(gen, new DisconnectReason(DisconnectReason.Kind.CLOSED_BY_SERVER,
                    reason == null || reason.isEmpty() ? "closed by the node" : reason, statusCode, null));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            dropped(gen, DisconnectReason.failed(DisconnectReason.Kind.FAILED, error));
        }
    }
}
