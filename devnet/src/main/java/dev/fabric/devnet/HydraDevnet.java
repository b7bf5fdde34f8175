package dev.fabric.devnet;

import dev.fabric.devnet.head.DevnetConfig;
import dev.fabric.devnet.head.EventJournal;
import dev.fabric.devnet.head.HeadPhase;
import dev.fabric.devnet.head.HeadRuntime;
import dev.fabric.devnet.head.LatencyDistribution;
import dev.fabric.devnet.ledger.LedgerRules;
import dev.fabric.devnet.ledger.TxValidation;
import dev.fabric.devnet.server.ApiServer;
import dev.fabric.devnet.wallet.DevnetKey;
import dev.fabric.hydra.api.HydraMessageCodec;
import dev.fabric.hydra.api.Utxo;
import dev.fabric.plutus.eval.SlotTiming;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * A running Hydra head emulator: hydra-node 2.3.0's WebSocket and HTTP API on one port, backed by a
 * single-party head with real Conway ledger rules.
 *
 * <pre>{@code
 * try (HydraDevnet devnet = HydraDevnet.start(DevnetConfig.defaults().withInitialUtxo(utxo))) {
 *     URI ws = devnet.webSocketUri();   // ws://127.0.0.1:<port>/
 *     devnet.faults().stallSnapshots(Duration.ofSeconds(2));
 * }
 * }</pre>
 */
public final class HydraDevnet implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(HydraDevnet.class);

    private final DevnetConfig config;
    private final HydraMessageCodec codec = new HydraMessageCodec();
    private final TxValidation ledger;
    private final DevnetKey nodeKey;
    private final Vertx vertx;
    private final ApiServer server;
    private final ExecutorService control = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "devnet-control");
        t.setDaemon(true);
        return t;
    });
    private final ExecutorService decoders = Executors.newFixedThreadPool(
            Math.max(2, Runtime.getRuntime().availableProcessors()), r -> {
                Thread t = new Thread(r, "devnet-decoder");
                t.setDaemon(true);
                return t;
            });
    private volatile HeadRuntime runtime;
    private int port;

    private HydraDevnet(DevnetConfig config) {
        this.config = config;
        this.ledger = new TxValidation(LedgerRules.of(config.protocolParameters(),
                SlotTiming.devnet(config.systemStart().toEpochMilli())));
        this.nodeKey = DevnetKey.fromName(config.nodeKeyName());
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(2));
        this.server = new ApiServer(vertx, config, codec, new ApiServer.Control() {
            @Override
            public HeadRuntime runtime() {
                return runtime;
            }

            @Override
            public void dropConnections() {
                server.dropConnections();
            }

            @Override
            public void restartLater() {
                control.execute(HydraDevnet.this::restart);
            }
        }, decoders);
    }

    /** Starts a devnet: rebuilds the head from the data directory's event log if any, then listens. */
    public static HydraDevnet start(DevnetConfig config) {
        HydraDevnet devnet = new HydraDevnet(config);
        try {
            devnet.runtime = HeadRuntime.start(config, devnet.ledger, devnet.openJournal(null), devnet.server,
                    devnet.nodeKey, devnet.codec);
            devnet.port = devnet.server.listen(config.port());
        } catch (RuntimeException e) {
            devnet.close();
            throw e;
        }
        LOG.infof("Hydra devnet listening on %s:%d (head %s)", config.host(), devnet.port, devnet.status());
        return devnet;
    }

    private EventJournal openJournal(EventJournal previous) {
        if (config.dataDir() != null) {
            return EventJournal.open(config.dataDir(), codec, config.clock());
        }
        return previous == null ? EventJournal.inMemory(codec, config.clock()) : previous.reopenedInMemory();
    }

    public int port() {
        return port;
    }

    /** {@code ws://host:port/}; add {@code ?history=yes&snapshot-utxo=no} as a client wishes. */
    public URI webSocketUri() {
        return URI.create("ws://" + config.host() + ":" + port + "/");
    }

    public URI httpUri() {
        return URI.create("http://" + config.host() + ":" + port);
    }

    public DevnetConfig config() {
        return config;
    }

    /** The devnet's party (Hydra) key; its vkey is {@code Greetings.me}. */
    public DevnetKey nodeKey() {
        return nodeKey;
    }

    public HeadPhase status() {
        return runtime.call(h -> h.phase()).join();
    }

    /** The open (or closed) head's id, null while idle. */
    public String headId() {
        return runtime.call(h -> h.headId()).join();
    }

    public Utxo confirmedUtxo() {
        return runtime.call(h -> h.confirmedUtxo()).join();
    }

    /** The last {@code seq} handed out (outputs and internal events alike). */
    public long lastSeq() {
        return runtime.call(h -> runtime.journal().lastSeq()).join();
    }

    public long malformedInputs() {
        return server.malformedInputs();
    }

    public int connectionCount() {
        return server.connectionCount();
    }

    public DevnetFaults faults() {
        return new DevnetFaults() {
            @Override
            public void dropConnections() {
                server.dropConnections();
            }

            @Override
            public void stallSnapshots(Duration duration) {
                runtime.call(h -> {
                    h.stallSnapshots(duration);
                    return null;
                }).join();
            }

            @Override
            public void restart() {
                HydraDevnet.this.restart();
            }

            @Override
            public void rejectNextTransactions(int count) {
                runtime.call(h -> {
                    h.rejectNextTransactions(count);
                    return null;
                }).join();
            }

            @Override
            public void slowConfirmation(LatencyDistribution distribution) {
                runtime.call(h -> {
                    h.confirmationLatency(distribution);
                    return null;
                }).join();
            }

            @Override
            public void clear() {
                runtime.call(h -> {
                    h.clearFaults();
                    return null;
                }).join();
            }
        };
    }

    /**
     * Stops serving, stops the head, rebuilds it from the event log and serves again on the same
     * port. Connections drop; {@code seq} continues where it was. Fault switches reset.
     */
    public synchronized void restart() {
        LOG.info("restarting the devnet");
        server.close();
        HeadRuntime previous = runtime;
        previous.close();
        runtime = HeadRuntime.start(config, ledger, openJournal(previous.journal()), server, nodeKey, codec);
        port = server.listen(port);
        LOG.infof("devnet restarted on port %d at seq %d", port, runtime.journal().lastSeq());
    }

    @Override
    public synchronized void close() {
        try {
            server.close();
        } catch (RuntimeException e) {
            LOG.warnf("closing the API server: %s", e.getMessage());
        }
        if (runtime != null) {
            runtime.close();
        }
        control.shutdownNow();
        decoders.shutdownNow();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
