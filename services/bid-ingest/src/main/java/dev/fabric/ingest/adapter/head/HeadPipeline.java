package dev.fabric.ingest.adapter.head;

import dev.fabric.events.v1.ingest.IngestCursor;
import dev.fabric.hydra.api.ConfirmedSnapshot;
import dev.fabric.hydra.api.HydraMessageCodec;
import dev.fabric.hydra.api.Utxo;
import dev.fabric.hydra.client.HeadConnection;
import dev.fabric.hydra.client.HeadConnectionConfig;
import dev.fabric.hydra.client.HydraHttpClient;
import dev.fabric.hydra.client.ReconnectBackoff;
import dev.fabric.ingest.adapter.kafka.IngestCursorReader;
import dev.fabric.ingest.adapter.kafka.KafkaProducers;
import dev.fabric.ingest.adapter.kafka.TransactionalHeadWriter;
import dev.fabric.ingest.domain.head.HeadEvents;
import dev.fabric.ingest.domain.head.SnapshotReconciliation;
import dev.fabric.ingest.domain.market.ConfirmedTxDecoder;
import dev.fabric.ingest.domain.market.FabricAddresses;
import dev.fabric.ingest.domain.market.OpenMarketOutputs;
import dev.fabric.ingest.domain.market.ProgressMarking;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.producer.Producer;
import org.jboss.logging.Logger;

/**
 * One head connection end to end: transactional producer, cursor, open-output index, writer and the
 * WebSocket connection, started in that order (the cursor is read only after {@code initTransactions}
 * has settled any transaction a previous instance left open).
 */
public final class HeadPipeline implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(HeadPipeline.class);
    private static final Duration CURSOR_READ_TIMEOUT = Duration.ofSeconds(30);

    /**
     * @param kafkaConfig client settings (bootstrap, security) shared by the producer and the cursor reader
     * @param serdeConfig what selects the value serdes (a registry URL, or nothing for plain Avro)
     * @param idleCommit how long the writer may go without a commit before it commits the cursor again to
     *                   learn whether it was fenced ({@link TransactionalHeadWriter.Settings}); zero: never
     * @param marketProgressInterval how long a market partition goes without a record before a snapshot
     *                               marks it ({@link ProgressMarking}); zero marks on every snapshot
     */
    public record Settings(String nodeId, URI wsUri, URI httpUri, FabricAddresses addresses,
                           Map<String, Object> kafkaConfig, Map<String, Object> serdeConfig, Duration linger,
                           int batchBytes, String compression, Duration transactionTimeout, int queueCapacity,
                           int maxRecordsPerTransaction, Duration maxTransactionTime, Duration retryBackoff,
                           Duration idleCommit, ReconnectBackoff reconnectBackoff, Clock clock, Duration marketProgressInterval) {
    }

    private final Settings settings;
    private final IngestMetrics.Head metrics;
    private final HydraMessageCodec codec = new HydraMessageCodec();
    private final ExecutorService reconnects;
    private volatile TransactionalHeadWriter writer;
    private volatile HeadIngestion ingestion;
    private volatile HeadConnection connection;
    private volatile boolean closed;
    private volatile String problem;

    public HeadPipeline(Settings settings, IngestMetrics metrics) {
        this.settings = settings;
        this.metrics = metrics.forHead(settings.nodeId());
        this.reconnects = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "ingest-reconnect-" + settings.nodeId());
            t.setDaemon(true);
            return t;
        });
    }

    public String nodeId() {
        return settings.nodeId();
    }

    /** Blocking: fails (to be retried by the caller) while Kafka is unreachable. */
    public synchronized void start() {
        if (closed || writer != null) {
            return;
        }
        open();
        connect();
    }

    /**
     * Everything but the WebSocket: for replaying recorded frames through the very same listener, writer
     * and producer (the benchmark). Feed the returned listener what a connection would deliver.
     */
    public synchronized dev.fabric.hydra.client.HeadListener startWithoutConnection() {
        if (closed || writer != null) {
            throw new IllegalStateException(settings.nodeId() + " is already started or closed");
        }
        open();
        return ingestion;
    }

    private void open() {
        Map<String, Object> producerConfig = KafkaProducers.transactionalConfig(settings.kafkaConfig(), settings.nodeId(),
                settings.linger(), settings.batchBytes(), settings.compression(), settings.transactionTimeout());
        Producer<String, byte[]> producer = KafkaProducers.create(producerConfig);
        Optional<IngestCursor> cursor;
        try {
            producer.initTransactions();
            cursor = IngestCursorReader.read(settings.kafkaConfig(), settings.nodeId(), CURSOR_READ_TIMEOUT);
        } catch (RuntimeException e) {
            producer.close(Duration.ofSeconds(1));
            problem = "cannot start the transactional producer or read the cursor: " + e.getMessage();
            throw e;
        }
        long cursorSeq = cursor.map(IngestCursor::getSeq).orElse(-1L);
        long cursorSnapshot = cursor.map(IngestCursor::getSnapshotNumber).orElse(-1L);
        String cursorHead = cursor.map(IngestCursor::getHeadId).orElse(null);
        LOG.infof("%s: resuming after seq %d (snapshot %d, head %s)", settings.nodeId(), cursorSeq, cursorSnapshot, cursorHead);

        HydraHttpClient http = new HydraHttpClient(settings.httpUri());
        HeadIngestion.SnapshotSource node = snapshotSource(http);
        OpenMarketOutputs market = new OpenMarketOutputs();
        node.snapshotUtxo().ifPresent(utxo -> LOG.infof("%s: %d open bids/offers in the node's current UTxO",
                settings.nodeId(), SnapshotReconciliation.seed(utxo, market, settings.addresses())));
        ConfirmedTxDecoder decoder = new ConfirmedTxDecoder(settings.addresses(), market);

        TransactionalHeadWriter.Settings writerSettings = new TransactionalHeadWriter.Settings(settings.nodeId(),
                () -> KafkaProducers.create(producerConfig),
                () -> IngestCursorReader.read(settings.kafkaConfig(), settings.nodeId(), CURSOR_READ_TIMEOUT),
                settings.serdeConfig(), settings.queueCapacity(), settings.maxRecordsPerTransaction(),
                settings.maxTransactionTime(), settings.retryBackoff(), settings.idleCommit(), settings.clock());
        TransactionalHeadWriter newWriter = new TransactionalHeadWriter(writerSettings, producer, cursor,
                new TransactionalHeadWriter.CommitListener() {
                    @Override
                    public void committed(int records, int transactions, int deadLetters, int marks, long cursorSeq) {
                        metrics.committed(records, transactions, deadLetters, marks);
                    }

                    @Override
                    public void retried(Throwable cause) {
                        metrics.writerRetry();
                    }
                });
        HeadIngestion newIngestion = new HeadIngestion(settings.nodeId(), decoder, settings.addresses(),
                new HeadEvents(codec), this::submit, newWriter::committedSeq, node, metrics, settings.clock(),
                cursorSeq, cursorHead, cursorSnapshot, settings.marketProgressInterval());
        newIngestion.control(this::reconnectFromScratch);
        newWriter.start();
        writer = newWriter;
        ingestion = newIngestion;
        problem = null;
    }

    /** Hands a work to the writer; once the writer is fenced or stopped, the connection stops too. */
    private void submit(dev.fabric.ingest.adapter.kafka.HeadWork work) {
        TransactionalHeadWriter w = writer;
        if (w.state() == TransactionalHeadWriter.State.RUNNING) {
            w.submit(work);
            return;
        }
        if (!closed) {
            closed = true;
            LOG.errorf("%s: writer is %s; closing the head connection (nothing more can be committed)", settings.nodeId(), w.state());
            reconnects.execute(() -> connection.close());
        }
    }

    private HeadIngestion.SnapshotSource snapshotSource(HydraHttpClient http) {
        return new HeadIngestion.SnapshotSource() {
            @Override
            public Optional<ConfirmedSnapshot> snapshot() {
                try {
                    return http.snapshot();
                } catch (RuntimeException e) {
                    LOG.warnf("%s: GET /snapshot failed: %s", settings.nodeId(), e.getMessage());
                    return Optional.empty();
                }
            }

            @Override
            public Optional<Utxo> snapshotUtxo() {
                try {
                    return http.snapshotUtxo();
                } catch (RuntimeException e) {
                    LOG.warnf("%s: GET /snapshot/utxo failed: %s", settings.nodeId(), e.getMessage());
                    return Optional.empty();
                }
            }
        };
    }

    /**
     * Opens the connection without {@code resumeAfterSeq}: the outputs up to the cursor are still
     * delivered so that they rebuild the open-output index; {@link HeadIngestion} writes nothing for them.
     */
    private void connect() {
        HeadConnection fresh = new HeadConnection(HeadConnectionConfig.builder(settings.wsUri())
                .history(true)
                .snapshotUtxo(false)
                .backoff(settings.reconnectBackoff())
                .build());
        fresh.addListener(ingestion);
        connection = fresh;
        fresh.start();
    }

    private void reconnectFromScratch() {
        reconnects.execute(() -> {
            HeadConnection old = connection;
            if (old != null) {
                old.close();
            }
            if (closed) {
                return;
            }
            ingestion.freshConnection();
            LOG.warnf("%s: reconnecting with a full replay after a seq regression", settings.nodeId());
            connect();
        });
    }

    public HeadStatus status() {
        TransactionalHeadWriter w = writer;
        HeadIngestion in = ingestion;
        if (w == null || in == null) {
            return new HeadStatus(settings.nodeId(), closed ? "CLOSED" : "STARTING", false, false, -1, -1, null, null, 0,
                    problem);
        }
        String failure = w.failure().map(Throwable::getMessage).orElse(problem);
        return new HeadStatus(settings.nodeId(), w.state().name(), in.connected(), in.caughtUp(), w.committedSeq(),
                w.committedSnapshot(), in.headKey(), in.lastSnapshotAt().orElse(null), w.queued(), failure);
    }

    @Override
    public synchronized void close() {
        closed = true;
        HeadConnection c = connection;
        if (c != null) {
            c.close();
        }
        TransactionalHeadWriter w = writer;
        if (w != null) {
            w.close(Duration.ofSeconds(10));
        }
        reconnects.shutdownNow();
    }
}
