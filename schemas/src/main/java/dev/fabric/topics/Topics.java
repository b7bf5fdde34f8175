package dev.fabric.topics;

import dev.fabric.events.v1.award.AuctionDecision;
import dev.fabric.events.v1.bid.BidEvent;
import dev.fabric.events.v1.deployment.DeploymentEvent;
import dev.fabric.events.v1.dlq.DeadLetter;
import dev.fabric.events.v1.hydra.HeadEvent;
import dev.fabric.events.v1.hydra.L2Transaction;
import dev.fabric.events.v1.ingest.IngestCursor;
import dev.fabric.events.v1.offer.OfferEvent;
import dev.fabric.events.v1.reputation.Attestation;
import dev.fabric.events.v1.reputation.OperatorScore;
import dev.fabric.events.v1.settlement.SettlementEvent;
import dev.fabric.topics.Topic.Cleanup;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * The catalogue: every topic of the grid (DESIGN.md §5). Provisioning in tests, in the local grid
 * and the Strimzi {@code KafkaTopic} manifests all come from this list.
 */
public final class Topics {

    /**
     * Partitions of every bid-scoped topic. They are keyed by bidRef and must share the count so
     * the auction joins them without repartitioning; changing it re-homes keys, so it is fixed.
     */
    public static final int BID_PARTITIONS = 6;

    private static final Duration HISTORY = Duration.ofDays(365);
    private static final Duration MARKET = Duration.ofDays(90);
    private static final Duration DEAD_LETTERS = Duration.ofDays(30);

    public static final Topic<String, HeadEvent> HYDRA_EVENTS = new Topic<>(
            "fabric.hydra.events", String.class, "headId", HeadEvent.class, 3, Cleanup.DELETE, HISTORY);
    public static final Topic<String, L2Transaction> L2_TRANSACTIONS = new Topic<>(
            "fabric.l2.transactions", String.class, "headId", L2Transaction.class, 3, Cleanup.DELETE, HISTORY);
    public static final Topic<String, BidEvent> BIDS = new Topic<>(
            "fabric.bids", String.class, "bidRef", BidEvent.class, BID_PARTITIONS, Cleanup.DELETE, MARKET);
    public static final Topic<String, OfferEvent> OFFERS = new Topic<>(
            "fabric.offers", String.class, "bidRef", OfferEvent.class, BID_PARTITIONS, Cleanup.DELETE, MARKET);
    public static final Topic<String, AuctionDecision> AWARDS = new Topic<>(
            "fabric.awards", String.class, "bidRef", AuctionDecision.class, BID_PARTITIONS, Cleanup.DELETE, MARKET);
    public static final Topic<String, SettlementEvent> SETTLEMENTS = new Topic<>(
            "fabric.settlements", String.class, "bidRef", SettlementEvent.class, BID_PARTITIONS, Cleanup.DELETE, MARKET);
    public static final Topic<String, DeploymentEvent> DEPLOYMENTS = new Topic<>(
            "fabric.deployments", String.class, "bidRef", DeploymentEvent.class, BID_PARTITIONS, Cleanup.DELETE, MARKET);
    public static final Topic<String, Attestation> ATTESTATIONS = new Topic<>(
            "fabric.attestations", String.class, "operatorId", Attestation.class, 3, Cleanup.DELETE, HISTORY);
    public static final Topic<String, OperatorScore> REPUTATION_SCORES = new Topic<>(
            "fabric.reputation.scores", String.class, "operatorId", OperatorScore.class, 3, Cleanup.COMPACT, null);
    public static final Topic<String, IngestCursor> INGEST_CURSOR = new Topic<>(
            "fabric.ingest.cursor", String.class, "nodeId", IngestCursor.class, 1, Cleanup.COMPACT, null);
    public static final Topic<String, DeadLetter> DLQ = new Topic<>(
            "fabric.dlq", String.class, "original key", DeadLetter.class, 3, Cleanup.DELETE, DEAD_LETTERS);

    /** Every topic, in the order of DESIGN.md §5. */
    public static final List<Topic<String, ?>> ALL = List.of(
            HYDRA_EVENTS, L2_TRANSACTIONS, BIDS, OFFERS, AWARDS, SETTLEMENTS, DEPLOYMENTS,
            ATTESTATIONS, REPUTATION_SCORES, INGEST_CURSOR, DLQ);

    private Topics() {
    }

    public static Optional<Topic<String, ?>> byName(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** The value schema of every topic (what {@code SchemaHistory} releases and checks). */
    public static List<Schema> valueSchemas() {
        return ALL.stream().map(Topic::valueSchema).toList();
    }
}
