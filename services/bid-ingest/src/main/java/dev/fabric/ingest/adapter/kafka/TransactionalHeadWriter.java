package dev.fabric.ingest.adapter.kafka;

import dev.fabric.events.EventIds;
import dev.fabric.events.dlq.DeadLetters;
import dev.fabric.events.serde.EventSerdes;
import dev.fabric.events.v1.ingest.IngestCursor;
import dev.fabric.ingest.domain.market.ConfirmedTxDecoder;
import dev.fabric.topics.Topic;
import dev.fabric.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.Serializer;
import org.jboss.logging.Logger;

/**
 * The only writer of one node's records: a thread that takes {@link HeadWork} in order and commits it
 * in Kafka transactions, each holding whole works plus the cursor that covers them.
 *
 * <p>Exactly once (DESIGN.md "Exactly once"): the cursor ({@code fabric.ingest.cursor}, key = node) is
 * written in the same transaction as the records it covers, so after any crash the committed cursor
 * names exactly the outputs whose records are committed. The transactional id is fixed per node
 * ({@code fabric-bid-ingest-<node>}): a second instance for the same node fences the first, whose open
 * transaction is aborted and whose next commit fails with {@link ProducerFencedException}, on which
 * this writer stops for good.
 *
 * <p>Threads: {@link #submit} serialises a work's records on the submitting thread (the connection's
 * reader), while its objects are fresh in that core's cache, and queues bytes; the writer thread only
 * sends. A record that cannot be serialised (a decoding bug, not input) is dead-lettered in its work's
 * place: the cursor still moves past it and nothing is retried forever.
 *
 * <p>Batching: while works are already queued (history replay, a burst), one transaction takes as many
 * as fit in {@code maxRecordsPerTransaction} and {@code maxTransactionTime}; when the queue is empty it
 * commits at once. So a live head gets one transaction per snapshot, a backlog fewer, larger ones.
 *
 * <p>Failure: any other error aborts the transaction and the same producer writes the works again; a
 * producer that cannot abort is replaced (its {@code initTransactions} settles whatever the old one left
 * open), the cursor is read back, works it already covers are dropped and the rest is written again
 * (see {@code recover}). Nothing is acknowledged to the reader before its commit, and the reader blocks
 * when the queue is full.
 */
public final class TransactionalHeadWriter implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TransactionalHeadWriter.class);

    static {
        AvroTrust.ensureTrusted();
    }

    public enum State { STARTING, RUNNING, FENCED, CLOSED }

    /** Callbacks for metrics; run on the writer thread after each commit. */
    public interface CommitListener {
        /**
         * @param records all records committed, cursor included
         * @param marks   of which progress marks
         */
        void committed(int records, int transactions, int deadLetters, int marks, long cursorSeq);

        default void retried(Throwable cause) {
        }
    }

    /**
     * @param nodeId                   the cursor key and the suffix of the transactional id
     * @param producers                makes a configured transactional producer (String keys, byte[] values)
     * @param cursorReader             reads the committed cursor back (after a failure)
     * @param serdeConfig              selects the value serdes (registry or plain)
     * @param idleCommit               after this long without a commit, the cursor is committed again on its own
     *                                 (zero: never): a fenced instance finds out without waiting for work
     */
    public record Settings(String nodeId, Supplier<Producer<String, byte[]>> producers,
                           Supplier<Optional<IngestCursor>> cursorReader, Map<String, ?> serdeConfig,
                           int queueCapacity, int maxRecordsPerTransaction, Duration maxTransactionTime,
                           Duration retryBackoff, Duration idleCommit, Clock clock) {
    }

    /** A work with its records serialised, ready to send as they are (again, after an aborted transaction). */
    private record Prepared(HeadWork work, List<ProducerRecord<String, byte[]>> records, int deadLetters, int marks) {
    }

    public static String transactionalId(String nodeId) {
        return "fabric-bid-ingest-" + nodeId;
    }

    private final Settings settings;
    private final CommitListener listener;
    private final BlockingQueue<Prepared> queue;
    /** By identity: the catalogue's topics are singletons, and a record's hashCode is not free on this path. */
    private final Map<Topic<String, ?>, Serializer<SpecificRecord>> serializers = new java.util.IdentityHashMap<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread thread;
    private Producer<String, byte[]> producer;
    private volatile State state = State.STARTING;
    private volatile long committedSeq;
    private volatile long committedSnapshot = -1;
    private volatile long enqueuedSeq;
    private volatile Throwable failure;
    private String lastHeadId;
    private long lastCommitMillis;

    /**
     * @param startCursor the committed cursor read at start (after the first producer's
     *                    {@code initTransactions}), if there is one
     */
    public TransactionalHeadWriter(Settings settings, Producer<String, byte[]> initialisedProducer, Optional<IngestCursor> startCursor,
                                   CommitListener listener) {
        this.settings = settings;
        this.listener = listener;
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.producer = initialisedProducer;
        this.committedSeq = startCursor.map(IngestCursor::getSeq).orElse(-1L);
        this.enqueuedSeq = committedSeq;
        this.committedSnapshot = startCursor.map(IngestCursor::getSnapshotNumber).orElse(-1L);
        this.lastHeadId = startCursor.map(IngestCursor::getHeadId).orElse(null);
        this.lastCommitMillis = settings.clock().millis();
        this.thread = new Thread(this::run, "ingest-writer-" + settings.nodeId());
        this.thread.setDaemon(true);
    }

    public void start() {
        state = State.RUNNING;
        thread.start();
    }

    /**
     * Serialises a work's records and queues them; blocks while the queue is full (back-pressure on the
     * head connection).
     */
    public void submit(HeadWork work) {
        if (state == State.FENCED || state == State.CLOSED) {
            throw new IllegalStateException("writer for " + settings.nodeId() + " is " + state + "; "
                    + (failure == null ? "" : failure.getMessage()));
        }
        Prepared prepared = prepare(work);
        try {
            while (!queue.offer(prepared, 200, TimeUnit.MILLISECONDS)) {
                if (state == State.FENCED || state == State.CLOSED) {
                    throw new IllegalStateException("writer for " + settings.nodeId() + " stopped while a work waited");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while queueing a work", e);
        }
        if (work.seq() >= 0) {
            enqueuedSeq = work.seq();
        }
    }

    private Prepared prepare(HeadWork work) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(work.records().size());
        int deadLetters = 0;
        int marks = 0;
        for (PendingRecord record : work.records()) {
            byte[] value;
            try {
                value = serialized(work, record);
            } catch (Unserialisable e) {
                return deadLettered(work, record, e.getMessage());
            }
            records.add(record.toProducerRecord(value));
            if (record.topic() == Topics.DLQ) {
                deadLetters++;
            } else if (record.isMark()) {
                marks++;
            }
        }
        return new Prepared(work, records, deadLetters, marks);
    }

    /** A record that cannot be encoded at all; the message says why. */
    private static final class Unserialisable extends Exception {
        Unserialisable(String problem) {
            super(problem, null, false, false);
        }
    }

    /**
     * The record's bytes. A registry serde can also fail because the registry is unreachable: when the
     * plain encoding of the same record succeeds, that is the case, and this waits and tries again
     * (holding the reader, as a full queue does) rather than dead-lettering good data.
     *
     * @throws Unserialisable when the record itself cannot be encoded
     */
    private byte[] serialized(HeadWork work, PendingRecord record) throws Unserialisable {
        while (true) {
            try {
                return serializer(record.topic()).serialize(record.topic().name(), record.value());
            } catch (RuntimeException e) {
                if (!EventSerdes.usesRegistry(settings.serdeConfig())) {
                    throw unserialisable(work, record, e, e.getMessage());   // the failed serde was the plain one
                }
                String plainProblem = plainEncodingProblem(record);
                if (plainProblem != null) {
                    throw unserialisable(work, record, e, plainProblem);
                }
                LOG.warnf("%s: the registry serde failed for %s (%s); retrying", settings.nodeId(), record.topic().name(), e.toString());
                listener.retried(e);
                try {
                    if (closing.await(settings.retryBackoff().toMillis(), TimeUnit.MILLISECONDS)) {
                        throw new IllegalStateException("writer for " + settings.nodeId() + " closed while a work waited for the registry");
                    }
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the registry", interrupted);
                }
            }
        }
    }

    private Unserialisable unserialisable(HeadWork work, PendingRecord record, RuntimeException e, String problem) {
        LOG.errorf(e, "%s: cannot serialise %s for %s (head output seq %d)", settings.nodeId(),
                record.value().getClass().getSimpleName(), record.topic().name(), work.seq());
        return new Unserialisable(problem);
    }

    /** The work's records replaced by one dead letter that names the record which could not be serialised. */
    private Prepared deadLettered(HeadWork work, PendingRecord failed, String problem) {
        String reason = "cannot serialise " + failed.value().getClass().getSimpleName() + " for " + failed.topic().name()
                + " (head output seq " + work.seq() + "; its " + work.records().size() + " records are not written): "
                + problem;
        var letter = DeadLetters.fromExternal(ConfirmedTxDecoder.SERVICE, "hydra:" + settings.nodeId(), "seq-" + work.seq() + "-unserialisable",
                String.valueOf(failed.value()).getBytes(StandardCharsets.UTF_8), reason, null, settings.clock().instant());
        String key = work.headId() != null ? work.headId() : settings.nodeId();
        byte[] value = serializer(Topics.DLQ).serialize(Topics.DLQ.name(), letter);
        return new Prepared(work, List.of(new ProducerRecord<>(Topics.DLQ.name(), key, value)), 1, 0);
    }

    /** Why the record cannot be encoded without a registry, or null when it can. */
    @SuppressWarnings("unchecked")
    private static String plainEncodingProblem(PendingRecord record) {
        try {
            ((Serializer<SpecificRecord>) record.topic().valueSerde().serializer()).serialize(record.topic().name(), record.value());
            return null;
        } catch (RuntimeException e) {
            return e.getMessage();
        }
    }

    @SuppressWarnings("unchecked")
    private Serializer<SpecificRecord> serializer(Topic<String, ?> topic) {
        synchronized (serializers) {   // submit may come from more than one thread (reader, reconnects); uncontended
            return serializers.computeIfAbsent(topic,
                    t -> (Serializer<SpecificRecord>) t.valueSerde(settings.serdeConfig()).serializer());
        }
    }

    public State state() {
        return state;
    }

    /** The highest {@code seq} whose records are committed (the committed cursor). */
    public long committedSeq() {
        return committedSeq;
    }

    public long committedSnapshot() {
        return committedSnapshot;
    }

    /** True when every queued work is committed. */
    public boolean drained() {
        return queue.isEmpty() && committedSeq >= enqueuedSeq;
    }

    public int queued() {
        return queue.size();
    }

    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    private void run() {
        try {
            while (closing.getCount() > 0) {
                Prepared first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (idleCommitDue()) {
                        commitIdle();
                    }
                    continue;
                }
                List<Prepared> batch = new ArrayList<>();
                batch.add(first);
                int records = first.records().size();
                long started = settings.clock().millis();
                while (records < settings.maxRecordsPerTransaction()
                        && settings.clock().millis() - started < settings.maxTransactionTime().toMillis()) {
                    Prepared next = queue.poll();
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                    records += next.records().size();
                }
                commitWithRecovery(batch);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ProducerFencedException | InvalidProducerEpochException e) {
            fenced(e);
        } catch (RuntimeException e) {
            failure = e;
            LOG.errorf(e, "writer for %s stopped", settings.nodeId());
            state = State.CLOSED;
        } finally {
            closeProducer();
            stopped.countDown();
        }
    }

    /**
     * An idle writer never talks to the transaction coordinator, so it would only learn at its next work
     * that another instance took its transactional id over, and report RUNNING (ready) meanwhile.
     * Committing the unchanged cursor now and then asks: a fenced commit stops the writer.
     */
    private boolean idleCommitDue() {
        return !settings.idleCommit().isZero() && settings.clock().millis() - lastCommitMillis >= settings.idleCommit().toMillis();
    }

    private void fenced(KafkaException e) {
        failure = e;
        state = State.FENCED;
        LOG.errorf("writer for %s was fenced: another instance with transactional id %s took over; this one stops",
                settings.nodeId(), transactionalId(settings.nodeId()));
    }

    private void commitWithRecovery(List<Prepared> batch) throws InterruptedException {
        List<Prepared> pending = batch;
        while (!pending.isEmpty()) {
            pending = commitOrRecover(pending);
        }
    }

    /** The cursor alone, unchanged; a failure other than fencing only settles the producer and waits for the next interval. */
    private void commitIdle() throws InterruptedException {
        commitOrRecover(List.of());
        lastCommitMillis = settings.clock().millis();
    }

    /**
     * One transaction of these works (none: the cursor alone). Fencing ends the writer; any other failure
     * settles the producer and returns the works still to write (none once they are committed).
     */
    private List<Prepared> commitOrRecover(List<Prepared> works) throws InterruptedException {
        try {
            commit(works);
            return List.of();
        } catch (ProducerFencedException | InvalidProducerEpochException e) {
            throw e;
        } catch (KafkaException | IllegalStateException e) {
            listener.retried(e);
            LOG.warnf(e, "transaction for %s failed (%d works); recovering", settings.nodeId(), works.size());
            return recover(works);
        }
    }

    private void commit(List<Prepared> batch) {
        producer.beginTransaction();
        int records = 0;
        int transactions = 0;
        int deadLetters = 0;
        int marks = 0;
        long cursorSeq = committedSeq;
        long cursorSnapshot = committedSnapshot;
        String headId = lastHeadId;
        for (Prepared prepared : batch) {
            for (ProducerRecord<String, byte[]> record : prepared.records()) {
                producer.send(record);
            }
            records += prepared.records().size();
            deadLetters += prepared.deadLetters();
            marks += prepared.marks();
            HeadWork work = prepared.work();
            transactions += work.transactions();
            if (work.resetCursor() || work.seq() > cursorSeq) {
                cursorSeq = work.seq();
            }
            if (work.snapshotNumber() >= 0 || work.resetCursor()) {
                cursorSnapshot = work.snapshotNumber();
            }
            if (work.headId() != null) {
                headId = work.headId();
            }
        }
        IngestCursor cursor = IngestCursor.newBuilder()
                .setEventId(EventIds.of("IngestCursor", settings.nodeId(), cursorSeq))
                .setNodeId(settings.nodeId())
                .setHeadId(headId)
                .setSeq(cursorSeq)
                .setSnapshotNumber(cursorSnapshot)
                .setOccurredAt(settings.clock().instant())
                .build();
        producer.send(new ProducerRecord<>(Topics.INGEST_CURSOR.name(), settings.nodeId(),
                serializer(Topics.INGEST_CURSOR).serialize(Topics.INGEST_CURSOR.name(), cursor)));
        producer.commitTransaction();
        lastCommitMillis = settings.clock().millis();
        committedSeq = cursorSeq;
        committedSnapshot = cursorSnapshot;
        lastHeadId = headId;
        listener.committed(records + 1, transactions, deadLetters, marks, cursorSeq);
    }

    /**
     * Settles a failed transaction and returns the works still to write.
     *
     * <p>When the transaction can be aborted, the same producer writes the batch again: a replacement's
     * {@code initTransactions} would bump the epoch and fence an instance that took over meanwhile, and
     * the two would then take the transactional id from each other at every failure. An abort that is
     * refused as fenced stops this writer. Only a producer that cannot even abort (a commit whose outcome
     * is unknown, a fatal error) is replaced; then the cursor is read back, and works it already covers
     * are dropped. A batch without any {@code seq} (only malformed-frame dead letters) cannot be told
     * apart and is written again; its dead letters carry the same eventIds.
     */
    private List<Prepared> recover(List<Prepared> batch) throws InterruptedException {
        try {
            producer.abortTransaction();
            backOff();
            return batch;
        } catch (ProducerFencedException | InvalidProducerEpochException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.infof("the failed transaction for %s cannot be aborted (%s); replacing the producer", settings.nodeId(), e.toString());
        }
        while (true) {
            closeProducer();
            backOff();
            try {
                Producer<String, byte[]> fresh = settings.producers().get();
                fresh.initTransactions();
                producer = fresh;
                long cursor = settings.cursorReader().get().map(IngestCursor::getSeq).orElse(-1L);
                List<Prepared> left = new ArrayList<>();
                long batchMax = batch.stream().mapToLong(p -> p.work().seq()).max().orElse(-1);
                boolean committed = batchMax >= 0 && cursor >= batchMax && batch.stream().noneMatch(p -> p.work().resetCursor());
                if (!committed) {
                    left.addAll(batch);
                } else {
                    committedSeq = cursor;
                    LOG.infof("the failed transaction for %s had in fact committed (cursor %d); nothing to rewrite",
                            settings.nodeId(), cursor);
                }
                return left;
            } catch (ProducerFencedException | InvalidProducerEpochException e) {
                throw e;
            } catch (RuntimeException e) {
                listener.retried(e);
                LOG.warnf("cannot re-establish the producer for %s yet: %s", settings.nodeId(), e.getMessage());
            }
        }
    }

    private void backOff() throws InterruptedException {
        if (closing.await(settings.retryBackoff().toMillis(), TimeUnit.MILLISECONDS)) {
            throw new InterruptedException("closing");
        }
    }

    private void closeProducer() {
        Producer<String, byte[]> old = producer;
        producer = null;
        if (old != null) {
            try {
                old.close(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                LOG.debugf("closing producer: %s", e.getMessage());
            }
        }
    }

    /** Commits what is queued (waiting at most {@code drainTimeout}), then stops. */
    public void close(Duration drainTimeout) {
        long deadline = System.nanoTime() + drainTimeout.toNanos();
        while (!drained() && state == State.RUNNING && System.nanoTime() < deadline) {
            try {
                if (stopped.await(20, TimeUnit.MILLISECONDS)) {
                    break;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        closing.countDown();
        try {
            if (state == State.STARTING) {
                closeProducer();
            } else if (!stopped.await(drainTimeout.toMillis() + 10_000, TimeUnit.MILLISECONDS)) {
                LOG.warnf("writer for %s did not stop in time", settings.nodeId());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (state != State.FENCED) {
            state = State.CLOSED;
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }
}
