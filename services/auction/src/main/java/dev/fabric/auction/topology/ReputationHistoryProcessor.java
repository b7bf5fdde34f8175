package dev.fabric.auction.topology;

import dev.fabric.auction.domain.ScoreHistory;
import dev.fabric.events.v1.reputation.OperatorScore;
import dev.fabric.topics.Topics;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

/**
 * Keeps each operator's score history in the global reputation store. A plain GlobalKTable would hold
 * only the latest score, and Kafka Streams does not allow versioned stores for global tables, so this
 * processor keeps the history itself; decisions then read the score as of their own event time.
 *
 * <p>It also runs when the store is restored from the topic (Kafka Streams reprocesses global stores
 * added with a custom processor), so the history is rebuilt the same way after a restart. A global
 * processor cannot write to other topics, so an unreadable score is logged and counted, not
 * dead-lettered; it stays in fabric.reputation.scores for inspection.
 */
final class ReputationHistoryProcessor implements Processor<String, byte[], Void, Void> {

    private static final Logger LOG = Logger.getLogger(ReputationHistoryProcessor.class);

    private final Map<String, ?> serdeConfig;
    private final Duration keep;
    private final AuctionMetrics metrics;
    private Deserializer<OperatorScore> deserializer;
    private KeyValueStore<String, ScoreHistory> store;

    ReputationHistoryProcessor(Map<String, ?> serdeConfig, Duration keep, AuctionMetrics metrics) {
        this.serdeConfig = serdeConfig;
        this.keep = keep;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(AuctionStores.REPUTATION);
        deserializer = Topics.REPUTATION_SCORES.valueSerde(serdeConfig).deserializer();
    }

    @Override
    public void process(Record<String, byte[]> record) {
        String operatorId = record.key();
        if (operatorId == null) {
            skip(record, "record has no key");
            return;
        }
        if (record.value() == null) {
            store.delete(operatorId);
            return;
        }
        OperatorScore score;
        try {
            score = deserializer.deserialize(Topics.REPUTATION_SCORES.name(), record.headers(), record.value());
        } catch (RuntimeException e) {
            skip(record, e.getMessage());
            return;
        }
        if (!operatorId.equals(score.getOperatorId())) {
            skip(record, "key " + operatorId + " is not the score's operatorId " + score.getOperatorId());
            return;
        }
        if (score.getScoreBps() < 0 || score.getScoreBps() > 10_000) {
            skip(record, "scoreBps " + score.getScoreBps() + " outside 0..10000");
            return;
        }
        ScoreHistory history = store.get(operatorId);
        store.put(operatorId, (history == null ? ScoreHistory.empty() : history).with(score.getOccurredAt(), score.getScoreBps(), keep));
    }

    private void skip(Record<String, byte[]> record, String reason) {
        metrics.undecodableScore();
        LOG.warnf("Skipped reputation score key=%s timestamp=%d: %s", record.key(), record.timestamp(), reason);
    }
}
