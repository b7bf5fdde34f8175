package dev.fabric.reputation.topology;

import dev.fabric.events.v1.reputation.OperatorScore;
import dev.fabric.reputation.domain.DecayedBetaScore;
import dev.fabric.reputation.domain.Evidence;
import dev.fabric.reputation.domain.EvidenceEntry;
import dev.fabric.reputation.domain.OperatorReputation;
import dev.fabric.reputation.domain.Score;
import dev.fabric.reputation.domain.ScoringRules;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

/**
 * Keyed by operatorId: applies evidence to the operator's reputation and publishes its score.
 *
 * <p>A score triggered by evidence is evaluated at event time (the latest evidence time, never
 * earlier than a score already published), so the same input yields the same output. A wall-clock
 * punctuation re-evaluates idle operators at "now" and publishes those whose published number
 * decayed; it never changes the reputation itself, only the bookkeeping of what was published.
 */
final class OperatorScoreProcessor implements Processor<String, Evidence, String, OperatorScore> {

    private static final Logger LOG = Logger.getLogger(OperatorScoreProcessor.class);

    private final ScoringRules rules;
    private final Duration publishInterval;
    private final ReputationMetrics metrics;
    private ProcessorContext<String, OperatorScore> context;
    private KeyValueStore<String, OperatorRecord> scores;

    OperatorScoreProcessor(ScoringRules rules, Duration publishInterval, ReputationMetrics metrics) {
        this.rules = rules;
        this.publishInterval = publishInterval;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, OperatorScore> context) {
        this.context = context;
        this.scores = context.getStateStore(ReputationTopology.SCORE_STORE);
        context.schedule(publishInterval, PunctuationType.WALL_CLOCK_TIME, at -> republishDecayed(Instant.ofEpochMilli(at)));
    }

    @Override
    public void process(Record<String, Evidence> record) {
        Evidence evidence = record.value();
        String operatorId = evidence.operatorId();
        OperatorRecord current = scores.get(operatorId);
        OperatorReputation reputation = current != null ? current.reputation() : OperatorReputation.empty(operatorId, evidence.at());
        OperatorReputation.Applied applied = reputation.apply(evidence, rules);
        if (!applied.moved()) {
            LOG.debugf("evidence did not move the score operator=%s eventId=%s", operatorId, evidence.eventId());
            return;
        }
        OperatorReputation next = applied.next();
        metrics.evidenceApplied(next.recent().get(0).kind().name());
        Instant evaluateAt = current != null && current.lastEvaluatedAt().isAfter(next.asOf()) ? current.lastEvaluatedAt() : next.asOf();
        publish(next, DecayedBetaScore.evaluate(next, evaluateAt, rules));
        if (next.recent().get(0).kind() == EvidenceEntry.Kind.FAILURE) {
            LOG.infof("failure counted operator=%s eventId=%s reason=%s", operatorId, evidence.eventId(), evidence.reason());
        }
    }

    private void republishDecayed(Instant now) {
        List<KeyValue<String, OperatorRecord>> all = new ArrayList<>();
        try (KeyValueIterator<String, OperatorRecord> it = scores.all()) {
            it.forEachRemaining(all::add);
        }
        metrics.operatorsTracked(context.taskId().toString(), all.size());
        for (KeyValue<String, OperatorRecord> entry : all) {
            OperatorRecord current = entry.value;
            if (!now.isAfter(current.lastEvaluatedAt())) {
                continue;
            }
            Score score = DecayedBetaScore.evaluate(current.reputation(), now, rules);
            if (score.scoreBps() != current.publishedBps()) {
                publish(current.reputation(), score);
            }
        }
    }

    private void publish(OperatorReputation reputation, Score score) {
        scores.put(reputation.operatorId(), new OperatorRecord(reputation, score.scoreBps(), score.evaluatedAt()));
        context.forward(new Record<>(reputation.operatorId(), OperatorScores.event(score), score.evaluatedAt().toEpochMilli()));
        metrics.scorePublished();
        LOG.debugf("score published operator=%s scoreBps=%d evaluatedAt=%s", reputation.operatorId(), score.scoreBps(),
                score.evaluatedAt());
    }
}
