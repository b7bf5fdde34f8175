package dev.fabric.reputation.topology;

import dev.fabric.reputation.config.ReputationSettings;
import dev.fabric.reputation.domain.BidFact;
import dev.fabric.reputation.domain.BidLedger;
import dev.fabric.reputation.domain.BidState;
import dev.fabric.reputation.domain.Evidence;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

/**
 * Keyed by bidRef: folds each bid's facts through {@link BidLedger} and sends the evidence it
 * yields re-keyed by operatorId (the next step repartitions on it).
 *
 * <p>Deploy deadlines are checked on two clocks. On stream time, so that a replay declares exactly
 * the misses the original run declared; on the wall clock, so that a quiet grid still notices a
 * missing Running. Either way the verdict carries the deadline's event time, and a late on-time
 * Running withdraws a wall-clock miss (see {@link BidLedger}), so scores converge to the same values.
 */
final class BidVerdictProcessor implements Processor<String, BidInput, String, Admission<Evidence>> {

    private static final Logger LOG = Logger.getLogger(BidVerdictProcessor.class);

    private final ReputationSettings settings;
    private final RejectedInputs rejections;
    private ProcessorContext<String, Admission<Evidence>> context;
    private KeyValueStore<String, BidState> bids;
    private KeyValueStore<String, String> timers;

    BidVerdictProcessor(ReputationSettings settings, Map<String, ?> serdeConfig) {
        this.settings = settings;
        this.rejections = new RejectedInputs(ReputationTopology.SERVICE, serdeConfig);
    }

    @Override
    public void init(ProcessorContext<String, Admission<Evidence>> context) {
        this.context = context;
        this.bids = context.getStateStore(ReputationTopology.BID_STORE);
        this.timers = context.getStateStore(ReputationTopology.BID_TIMER_STORE);
        context.schedule(settings.deadlineCheckInterval(), PunctuationType.STREAM_TIME, at -> {
            checkDeadlines(Instant.ofEpochMilli(at));
            expireBids(Instant.ofEpochMilli(at));
        });
        // Retention is judged on stream time only: on the wall clock a replay would purge bids it has not finished.
        context.schedule(settings.deadlineCheckInterval(), PunctuationType.WALL_CLOCK_TIME,
                at -> checkDeadlines(Instant.ofEpochMilli(at)));
    }

    @Override
    public void process(Record<String, BidInput> record) {
        BidFact fact = record.value().fact();
        if (!fact.bidRef().equals(record.key())) {
            reject(record, "record key " + record.key() + " is not the event's bidRef " + fact.bidRef());
            return;
        }
        BidState before = bids.get(record.key());
        BidLedger.Step step = BidLedger.apply(before, fact);
        if (step.rejected()) {
            reject(record, step.rejection());
            return;
        }
        BidState after = step.state();
        if (!after.equals(before)) {
            bids.put(record.key(), after);
        }
        if (before == null) {
            timers.put(TimerKeys.key(TimerKeys.EXPIRY, after.firstSeenAt().plus(settings.bidRetention()), after.bidRef()), after.bidRef());
        }
        if ((before == null || before.award() == null) && after.award() != null && !after.deadlinePassed()) {
            Instant checkAt = BidLedger.deadlineCheckAt(after, settings.deadlineGrace());
            timers.put(TimerKeys.key(TimerKeys.DEADLINE, checkAt, after.bidRef()), after.bidRef());
        }
        send(step.evidence(), record.timestamp());
    }

    private void checkDeadlines(Instant observedAt) {
        for (KeyValue<String, String> due : due(TimerKeys.DEADLINE, observedAt)) {
            timers.delete(due.key);
            BidState state = bids.get(due.value);
            if (state == null) {
                continue;
            }
            BidLedger.Step step = BidLedger.observe(state, observedAt, settings.deadlineGrace());
            if (!step.state().equals(state)) {
                bids.put(due.value, step.state());
            }
            if (!step.evidence().isEmpty()) {
                LOG.infof("deploy deadline missed bid=%s operator=%s deadline=%s observedAt=%s", state.bidRef(),
                        state.operatorId(), state.award().deployDeadline(), observedAt);
            }
            send(step.evidence(), observedAt.toEpochMilli());
        }
    }

    private void expireBids(Instant streamTime) {
        for (KeyValue<String, String> due : due(TimerKeys.EXPIRY, streamTime)) {
            timers.delete(due.key);
            bids.delete(due.value);
            LOG.debugf("bid state expired bid=%s", due.value);
        }
    }

    /** Timers of {@code kind} due before {@code at}, collected first: the store is modified while handling them. */
    private List<KeyValue<String, String>> due(String kind, Instant at) {
        List<KeyValue<String, String>> due = new ArrayList<>();
        try (KeyValueIterator<String, String> it = timers.range(TimerKeys.first(kind), TimerKeys.dueBefore(kind, at))) {
            it.forEachRemaining(due::add);
        }
        return due;
    }

    private void send(List<Evidence> evidence, long timestamp) {
        for (Evidence e : evidence) {
            context.forward(new Record<>(e.operatorId(), new Admission.Accepted<>(e), timestamp));
        }
    }

    private void reject(Record<String, BidInput> record, String reason) {
        Objects.requireNonNull(reason, "reason");
        context.forward(new Record<String, Admission<Evidence>>(record.key(),
                new Admission.Rejected<>(rejections.deadLetter(context, record, record.value().event(), reason)),
                record.timestamp(), record.headers()));
    }
}
