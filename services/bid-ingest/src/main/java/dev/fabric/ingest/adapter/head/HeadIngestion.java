package dev.fabric.ingest.adapter.head;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fabric.events.MarketProgressMarks;
import dev.fabric.events.dlq.DeadLetters;
import dev.fabric.events.v1.bid.BidEvent;
import dev.fabric.events.v1.dlq.DeadLetter;
import dev.fabric.events.v1.hydra.HeadEvent;
import dev.fabric.events.v1.offer.OfferEvent;
import dev.fabric.hydra.api.ConfirmedSnapshot;
import dev.fabric.hydra.api.Greetings;
import dev.fabric.hydra.api.HeadScoped;
import dev.fabric.hydra.api.MalformedFrame;
import dev.fabric.hydra.api.ServerOutput;
import dev.fabric.hydra.api.TimedServerOutput;
import dev.fabric.hydra.api.Transaction;
import dev.fabric.hydra.api.UnknownMessage;
import dev.fabric.hydra.api.Utxo;
import dev.fabric.hydra.client.DisconnectReason;
import dev.fabric.hydra.client.HeadListener;
import dev.fabric.ingest.adapter.kafka.HeadWork;
import dev.fabric.ingest.adapter.kafka.PendingRecord;
import dev.fabric.ingest.domain.head.HeadEvents;
import dev.fabric.ingest.domain.head.SnapshotReconciliation;
import dev.fabric.ingest.domain.market.ConfirmedTxDecoder;
import dev.fabric.ingest.domain.market.FabricAddresses;
import dev.fabric.ingest.domain.market.ProgressMarking;
import dev.fabric.ingest.domain.market.ProgressMarking.Market;
import dev.fabric.ingest.domain.market.ProgressMarking.MarketPartition;
import dev.fabric.ingest.domain.market.SnapshotPosition;
import dev.fabric.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Reads one hydra-node connection and hands the writer one {@link HeadWork} per output: the output's
 * head event, and for a {@code SnapshotConfirmed} its transactions, bid/offer events and dead letters.
 * Runs on the connection's reader thread, so outputs are handled one at a time in {@code seq} order.
 *
 * <p>Outputs at or below the committed cursor were published before: they only feed the index of open
 * Bid/Offer outputs (so later spends decode), nothing is written for them, and they leave the progress
 * marking alone.
 *
 * <p>A published snapshot also marks the market partitions it left silent ({@link ProgressMarking}).
 */
public final class HeadIngestion implements HeadListener {

    private static final Logger LOG = Logger.getLogger(HeadIngestion.class);

    /** What an epoch boundary or a regression asks the pipeline to do besides writing. */
    public interface Control {
        /** Reconnects from scratch (a new connection, full replay), after a wiped node. */
        void reconnectFromScratch();
    }

    /** The node's HTTP API as reconciliation needs it; empty when the node could not be asked. */
    public interface SnapshotSource {
        Optional<ConfirmedSnapshot> snapshot();

        Optional<Utxo> snapshotUtxo();
    }

    private final String nodeId;
    private final ConfirmedTxDecoder decoder;
    private final FabricAddresses addresses;
    private final HeadEvents headEvents;
    private final Consumer<HeadWork> writer;
    private final SnapshotSource node;
    private final IngestMetrics.Head metrics;
    private final Clock clock;
    private final Supplier<Long> committedSeq;
    private final Set<String> unknownTagsLogged = ConcurrentHashMap.newKeySet();
    private Control control = () -> { };

    private volatile long skipUpTo;
    private volatile String headId;
    private volatile long lastSnapshotNumber;
    private volatile long maxSeqSeen = -1;
    private volatile boolean connected;
    private volatile boolean greeted;
    private volatile long replayEndSeq = Long.MAX_VALUE;
    private volatile boolean firstGreeting = true;
    private volatile Instant lastSnapshotAt;
    /** Set by a regression until the replacement connection is in place: the old one's outputs are void. */
    private volatile boolean awaitingFreshConnection;
    /** When this pipeline last wrote each market partition; replaced by every published snapshot. */
    private volatile ProgressMarking progress;

    /** @param progressInterval see {@link ProgressMarking}; zero marks every silent partition on every snapshot */
    public HeadIngestion(String nodeId, ConfirmedTxDecoder decoder, FabricAddresses addresses, HeadEvents headEvents,
                         Consumer<HeadWork> writer, Supplier<Long> committedSeq, SnapshotSource node,
                         IngestMetrics.Head metrics, Clock clock, long cursorSeq, String cursorHeadId, long cursorSnapshot,
                         Duration progressInterval) {
        this.nodeId = nodeId;
        this.decoder = decoder;
        this.addresses = addresses;
        this.headEvents = headEvents;
        this.writer = writer;
        this.committedSeq = committedSeq;
        this.node = node;
        this.metrics = metrics;
        this.clock = clock;
        this.skipUpTo = cursorSeq;
        this.headId = cursorHeadId;
        this.lastSnapshotNumber = cursorSnapshot;
        this.progress = ProgressMarking.start(progressInterval, Topics.BID_PARTITIONS);
    }

    public void control(Control control) {
        this.control = control;
    }

    /** The replacement connection after a regression is about to start: outputs count again. */
    public void freshConnection() {
        awaitingFreshConnection = false;
        connected = false;
        greeted = false;
    }

    // ------------------------------------------------------------------ state for health and metrics

    public boolean connected() {
        return connected;
    }

    /** Connected, greeted (history replay over) and every output up to the replay's end committed. */
    public boolean caughtUp() {
        return connected && greeted && committedSeq.get() >= Math.min(replayEndSeq, maxSeqSeen);
    }

    public Optional<Instant> lastSnapshotAt() {
        return Optional.ofNullable(lastSnapshotAt);
    }

    public String headKey() {
        return headId != null ? headId : nodeId;
    }

    // ------------------------------------------------------------------ listener

    @Override
    public void onConnected(Greetings greetings) {
        if (awaitingFreshConnection) {
            return;
        }
        connected = true;
        greetings.headId().ifPresent(id -> {
            if (headId == null) {
                headId = id;
            }
        });
        long cursor = skipUpTo;
        boolean first = firstGreeting;
        firstGreeting = false;
        if (!first) {
            metrics.reconnected();
        }
        if (first && cursor >= 0 && maxSeqSeen < cursor) {
            // The replay ends below what was already published: the node's history was wiped while
            // ingest was away (HeadConnection cannot see this on the first connect; it does later).
            seqRegression(cursor, maxSeqSeen);
            return;
        }
        replayEndSeq = maxSeqSeen;
        greeted = true;
        LOG.infof("%s: history replay done at seq %d (cursor %d, %d open bids/offers indexed)", nodeId, maxSeqSeen,
                cursor, decoder.market().size());
    }

    @Override
    public void onDisconnected(DisconnectReason reason) {
        connected = false;
        greeted = false;
        if (reason.cause() instanceof java.net.http.WebSocketHandshakeException refused) {
            // hydra-client logs only the exception's class; the node's answer says why it refused.
            var response = refused.getResponse();
            LOG.warnf("%s: the node refused the WebSocket upgrade: HTTP %d %s", nodeId, response.statusCode(),
                    response.body() == null ? "" : String.valueOf(response.body()));
        }
    }

    @Override
    public void onSeqRegression(long lastDeliveredSeq, long nodeHighestSeq) {
        if (awaitingFreshConnection) {
            return;
        }
        seqRegression(lastDeliveredSeq, nodeHighestSeq);
    }

    @Override
    public void onOutput(TimedServerOutput timed) {
        if (awaitingFreshConnection) {
            return;
        }
        long seq = timed.seq();
        maxSeqSeen = Math.max(maxSeqSeen, seq);
        ServerOutput output = timed.output();
        if (output instanceof HeadScoped scoped && scoped.headId() != null) {
            headId = scoped.headId();
        }
        if (seq <= skipUpTo) {
            replayBelowCursor(output);
            return;
        }
        String key = headKey();
        long snapshotNumber = output instanceof ServerOutput.SnapshotConfirmed confirmed ? confirmed.snapshot().number() : -1;
        int transactions = output instanceof ServerOutput.SnapshotConfirmed confirmed ? confirmed.snapshot().confirmed().size() : 0;
        List<PendingRecord> records;
        try {
            records = recordsOf(timed, key);
        } catch (RuntimeException e) {
            // Never drop an output: what could not be turned into records is dead-lettered under its seq.
            LOG.errorf(e, "%s: cannot process %s (seq %d); dead-lettered", nodeId, output.tag(), seq);
            DeadLetter letter = DeadLetters.fromExternal(ConfirmedTxDecoder.SERVICE, "hydra:" + nodeId, "seq-" + seq,
                    rawOrTag(timed),
                    "cannot process head output " + output.tag() + " (seq " + seq + "): " + e, e, timed.timestamp());
            records = List.of(new PendingRecord(Topics.DLQ, key, letter));
            transactions = 0;
        }
        writer.accept(HeadWork.of(seq, key, snapshotNumber, records, transactions));
    }

    private byte[] rawOrTag(TimedServerOutput timed) {
        try {
            return headEvents.rawJson(timed).getBytes(StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            return (timed.output().tag() + " seq " + timed.seq()).getBytes(StandardCharsets.UTF_8);
        }
    }

    private List<PendingRecord> recordsOf(TimedServerOutput timed, String key) {
        ServerOutput output = timed.output();
        HeadEvent event = headEvents.of(nodeId, key, timed);
        List<PendingRecord> records = new ArrayList<>();
        records.add(new PendingRecord(Topics.HYDRA_EVENTS, key, event));
        if (output instanceof ServerOutput.SnapshotConfirmed confirmed) {
            decodeSnapshot(timed, confirmed, event.getEventId(), records);
            lastSnapshotNumber = confirmed.snapshot().number();
            lastSnapshotAt = timed.timestamp();
            metrics.snapshot(timed.timestamp());
        } else if (output instanceof ServerOutput.Unknown unknown && unknownTagsLogged.add(unknown.tag())) {
            LOG.warnf("%s: unknown output tag %s (seq %d); passing it through as a head event (logged once per tag)",
                    nodeId, unknown.tag(), timed.seq());
        }
        epochBoundary(timed, event, records);
        return records;
    }

    @Override
    public void onMalformedFrame(MalformedFrame frame) {
        String position = "after-seq-" + maxSeqSeen + "/" + Integer.toHexString(frame.excerpt().hashCode()) + "-" + frame.length();
        DeadLetter letter = DeadLetters.fromExternal(ConfirmedTxDecoder.SERVICE, "hydra:" + nodeId, position,
                frame.excerpt().getBytes(StandardCharsets.UTF_8),
                "malformed frame of " + frame.length() + " chars: " + frame.problem()
                        + (frame.length() > MalformedFrame.EXCERPT_LENGTH ? " (payload is its first " + MalformedFrame.EXCERPT_LENGTH + " chars)" : ""),
                null, clock.instant());
        writer.accept(HeadWork.of(-1, headKey(), -1, List.of(new PendingRecord(Topics.DLQ, headKey(), letter)), 0));
    }

    @Override
    public void onUnknownMessage(UnknownMessage message) {
        if (unknownTagsLogged.add(message.tag())) {
            LOG.warnf("%s: unknown message %s without seq (not a head output; not published; logged once per tag)",
                    nodeId, message.tag());
        }
    }

    // ------------------------------------------------------------------ decoding

    private void replayBelowCursor(ServerOutput output) {
        if (output instanceof ServerOutput.SnapshotConfirmed confirmed) {
            for (Transaction tx : confirmed.snapshot().confirmed()) {
                decoder.observe(tx.cborHex(), tx.txId());
            }
        } else if (output instanceof ServerOutput.HeadIsOpen || output instanceof ServerOutput.HeadIsFinalized) {
            decoder.market().clear();
        }
    }

    private void decodeSnapshot(TimedServerOutput timed, ServerOutput.SnapshotConfirmed confirmed, String causationId,
                                List<PendingRecord> records) {
        String snapshotHead = confirmed.headId() != null ? confirmed.headId() : headKey();
        SnapshotPosition at = new SnapshotPosition(nodeId, snapshotHead, timed.seq(), confirmed.snapshot().number(),
                confirmed.snapshot().version(), timed.timestamp(), causationId);
        List<Transaction> txs = confirmed.snapshot().confirmed();
        for (int i = 0; i < txs.size(); i++) {
            Transaction tx = txs.get(i);
            ConfirmedTxDecoder.Decoded decoded = decoder.decode(at, i, tx.cborHex(), tx.txId());
            decoded.transaction().ifPresent(l2 -> records.add(new PendingRecord(Topics.L2_TRANSACTIONS, snapshotHead, l2)));
            for (BidEvent bid : decoded.bids()) {
                records.add(new PendingRecord(Topics.BIDS, bid.getBidRef(), bid));
            }
            for (OfferEvent offer : decoded.offers()) {
                records.add(new PendingRecord(Topics.OFFERS, offer.getBidRef(), offer));
            }
            for (DeadLetter letter : decoded.deadLetters()) {
                records.add(new PendingRecord(Topics.DLQ, snapshotHead, letter));
                LOG.warnf("%s: dead-lettered: %s", nodeId, letter.getReason());
            }
        }
        markSilentPartitions(at, records);
    }

    /**
     * Adds a progress mark for each market partition {@link ProgressMarking} names, last in the snapshot's
     * records (so in its transaction). Each mark goes to the partition it speaks for, with no key.
     */
    private void markSilentPartitions(SnapshotPosition at, List<PendingRecord> records) {
        Set<MarketPartition> written = new HashSet<>();
        for (PendingRecord record : records) {
            if (record.topic() == Topics.BIDS) {
                written.add(new MarketPartition(Market.BIDS, Topics.BIDS.partitionOf(record.key())));
            } else if (record.topic() == Topics.OFFERS) {
                written.add(new MarketPartition(Market.OFFERS, Topics.OFFERS.partitionOf(record.key())));
            }
        }
        ProgressMarking.Step step = progress.next(at.timestamp(), written);
        for (MarketPartition mark : step.marks()) {
            int p = mark.partition();
            records.add(mark.market() == Market.BIDS
                    ? PendingRecord.mark(Topics.BIDS, p, MarketProgressMarks.bidMark(at.headId(), at.snapshotNumber(), p,
                            at.timestamp(), at.causationId()))
                    : PendingRecord.mark(Topics.OFFERS, p, MarketProgressMarks.offerMark(at.headId(), at.snapshotNumber(), p,
                            at.timestamp(), at.causationId())));
        }
        progress = step.after();
    }

    // ------------------------------------------------------------------ epochs

    private void epochBoundary(TimedServerOutput timed, HeadEvent event, List<PendingRecord> records) {
        ServerOutput output = timed.output();
        String kind;
        if (output instanceof ServerOutput.HeadIsOpen) {
            kind = "HeadIsOpen";
            decoder.market().clear();
        } else if (output instanceof ServerOutput.HeadIsClosed) {
            kind = "HeadIsClosed";
        } else if (output instanceof ServerOutput.HeadIsFinalized) {
            kind = "HeadIsFinalized";
        } else if (output instanceof ServerOutput.EventLogRotated) {
            kind = "EventLogRotated";
        } else {
            return;
        }
        ObjectNode report = reconcile(kind);
        if (output instanceof ServerOutput.HeadIsFinalized) {
            // Fanned out: every output left the head; nothing of this head can be spent on it any more.
            decoder.market().clear();
        }
        HeadEvent alert = HeadEvents.alert(nodeId, headKey(), timed.seq(), timed.timestamp(), kind, report, event.getEventId());
        records.add(new PendingRecord(Topics.HYDRA_EVENTS, headKey(), alert));
        metrics.alert(kind);
        LOG.warnf("%s: head epoch boundary %s at seq %d; reconciliation: %s", nodeId, kind, timed.seq(), report);
    }

    private ObjectNode reconcile(String trigger) {
        ObjectNode report;
        try {
            report = SnapshotReconciliation.reconcile(lastSnapshotNumber, node.snapshot(), node.snapshotUtxo(),
                    decoder.market(), addresses);
        } catch (RuntimeException e) {
            report = JsonNodeFactory.instance.objectNode();
            report.put("reconciliation", "failed: " + e);
        }
        report.put("trigger", trigger);
        return report;
    }

    private void seqRegression(long lastDelivered, long nodeHighest) {
        decoder.market().clear();
        ObjectNode report = reconcile("SeqRegression");
        report.put("lastPublishedSeq", lastDelivered);
        report.put("nodeHighestSeq", nodeHighest);
        report.put("action", "cursor reset to -1; reconnecting with a full replay, which is published as a new epoch");
        Instant now = clock.instant();
        HeadEvent alert = HeadEvents.alert(nodeId, headKey(), lastDelivered, now, "SeqRegression", report, null);
        metrics.alert("SeqRegression");
        LOG.errorf("%s: seq went backwards (published up to %d, node is at %d): the node's history was wiped. %s",
                nodeId, lastDelivered, nodeHighest, report);
        awaitingFreshConnection = true;
        skipUpTo = -1;
        maxSeqSeen = -1;
        lastSnapshotNumber = -1;
        firstGreeting = true;
        greeted = false;
        writer.accept(new HeadWork(-1, headKey(), -1, List.of(new PendingRecord(Topics.HYDRA_EVENTS, headKey(), alert)), true, 0));
        control.reconnectFromScratch();
    }
}
