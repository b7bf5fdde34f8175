package dev.fabric.settlement.topology;

import dev.fabric.events.dlq.DeadLetters;
import dev.fabric.events.v1.dlq.DeadLetter;
import dev.fabric.settlement.domain.BidSettlement;
import dev.fabric.settlement.domain.Notice;
import dev.fabric.settlement.domain.Publication;
import dev.fabric.settlement.domain.Rejection;
import dev.fabric.settlement.domain.SettlementInput;
import dev.fabric.settlement.domain.SettlementRound;
import dev.fabric.settlement.domain.SourcePosition;
import dev.fabric.settlement.domain.Step;
import dev.fabric.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

/**
 * Runs each bid's settlement: every input (decision, chain fact, deployment event) and every due
 * timer goes through a {@link SettlementRound}; the new state, the timer index, the events and the
 * dead letters of the round are written in the task's exactly-once transaction.
 *
 * <p>Head work happens inside the round, before the commit. If the process dies after the head
 * took a transaction but before the commit, the input is processed again: the Award is rebuilt
 * from the same decision and the same head outputs, so it is the same transaction, and the head
 * answers {@code BadInputsUTxO}, which is then judged against the confirmed UTxO.
 */
final class SettlementProcessor implements Processor<String, Inbound, String, SettlementOutput> {

    private static final Logger LOG = Logger.getLogger(SettlementProcessor.class);

    private final SettlementRound round;
    private final SettlementMetrics metrics;
    private final Map<String, ?> serdeConfig;
    private final Duration tick;
    private final int maxPerTick;
    private final Duration tickBudget;
    private ProcessorContext<String, SettlementOutput> context;
    private KeyValueStore<String, BidSettlement> bids;
    private KeyValueStore<String, String> timers;
    private KeyValueStore<String, Long> clock;

    SettlementProcessor(SettlementRound round, SettlementMetrics metrics, Map<String, ?> serdeConfig, Duration tick, int maxPerTick,
                        Duration tickBudget) {
        this.round = round;
        this.metrics = metrics;
        this.serdeConfig = serdeConfig;
        this.tick = tick;
        this.maxPerTick = maxPerTick;
        this.tickBudget = tickBudget;
    }

    @Override
    public void init(ProcessorContext<String, SettlementOutput> context) {
        this.context = context;
        this.bids = context.getStateStore(SettlementStores.BIDS);
        this.timers = context.getStateStore(SettlementStores.TIMERS);
        this.clock = context.getStateStore(SettlementStores.CLOCK);
        context.schedule(tick, PunctuationType.WALL_CLOCK_TIME, this::wake);
    }

    @Override
    public void process(Record<String, Inbound> record) {
        String bidRef = record.key();
        Inbound inbound = record.value();
        SettlementInput input;
        if (inbound instanceof Inbound.Award award) {
            input = new SettlementInput.Decided(SettlementInputs.decision(award.decision(), position()));
            advanceWatermark(award.decision().getOccurredAt());
        } else if (inbound instanceof Inbound.Chain chain) {
            input = new SettlementInput.Observed(chain.fact());
            advanceWatermark(chain.fact().at().occurredAt());
        } else {
            // Deployment times come from the operators' clocks: they never move settlement's clock.
            input = new SettlementInput.Deployed(SettlementInputs.deployment(((Inbound.Deployment) inbound).event()));
        }
        settle(bidRef, input, Optional.of(record));
    }

    /** Runs the bids whose wake-up time has come. */
    private void wake(long wallClockMs) {
        Instant now = now(wallClockMs);
        List<String> due = new ArrayList<>();
        try (KeyValueIterator<String, String> it = timers.range(SettlementStores.timerKey(Instant.EPOCH, ""),
                SettlementStores.timerKeyAfter(now))) {
            while (it.hasNext() && due.size() < maxPerTick) {
                due.add(it.next().key);
            }
        }
        long started = System.nanoTime();
        for (String key : due) {
            if (System.nanoTime() - started > tickBudget.toNanos()) {
                LOG.infof("tick over its %s budget; the remaining due bids wait for the next one", tickBudget);
                break;
            }
            String bidRef = SettlementStores.timerBid(key);
            BidSettlement state = bids.get(bidRef);
            if (state == null || state.wakeAt().filter(SettlementStores.timerTime(key)::equals).isEmpty()) {
                timers.delete(key); // stale index entry
                continue;
            }
            settle(bidRef, new SettlementInput.Tick(), Optional.empty());
        }
    }

    private void settle(String bidRef, SettlementInput input, Optional<Record<String, Inbound>> record) {
        BidSettlement before = bids.get(bidRef);
        BidSettlement state = before == null ? BidSettlement.empty(bidRef) : before;
        Instant now = now(context.currentSystemTimeMs());
        Step step = round.run(state, input, now);
        store(bidRef, before, step.state());
        long timestamp = record.map(Record::timestamp).orElse(now.toEpochMilli());
        for (Publication publication : step.publications()) {
            metrics.published(publication);
            LOG.debugf("%s: %s", bidRef, publication);
            context.forward(new Record<>(bidRef, new SettlementOutput.Event(SettlementEvents.toEvent(publication)), timestamp));
        }
        for (Rejection rejection : step.rejections()) {
            DeadLetter deadLetter = deadLetter(bidRef, rejection, record, now);
            metrics.deadLettered(deadLetter.getSourceTopic());
            LOG.warnf("%s dead-lettered (%s[%d]@%d): %s", bidRef, deadLetter.getSourceTopic(), deadLetter.getPartition(),
                    deadLetter.getOffset(), rejection.reason());
            context.forward(new Record<>(bidRef, new SettlementOutput.DeadLettered(deadLetter), timestamp));
        }
        for (Notice notice : step.notices()) {
            metrics.noticed(notice);
            switch (notice.kind()) {
                case DUPLICATE_DECISION, DUPLICATE_FACT, RESUBMITTED -> LOG.debugf("%s: %s", notice.kind(), notice.detail());
                case HEAD_UNAVAILABLE, CONFIRMED_AWAITING_RECORD -> LOG.infof("%s: %s", notice.kind(), notice.detail());
                default -> LOG.warnf("%s: %s", notice.kind(), notice.detail());
            }
        }
    }

    private void store(String bidRef, BidSettlement before, Optional<BidSettlement> after) {
        Optional<Instant> oldWake = before == null ? Optional.empty() : before.wakeAt();
        Optional<Instant> newWake = after.flatMap(BidSettlement::wakeAt);
        if (!oldWake.equals(newWake)) {
            oldWake.ifPresent(at -> timers.delete(SettlementStores.timerKey(at, bidRef)));
            newWake.ifPresent(at -> timers.put(SettlementStores.timerKey(at, bidRef), ""));
        }
        if (after.isPresent()) {
            bids.put(bidRef, after.get());
        } else {
            bids.delete(bidRef);
        }
    }

    /**
     * A dead letter for a rejection: of the record being processed, or of the decision record the
     * failure traces back to (then without its payload unless it is the current record: the
     * position names it in {@code fabric.awards}).
     */
    private DeadLetter deadLetter(String bidRef, Rejection rejection, Optional<Record<String, Inbound>> record, Instant now) {
        byte[] key = bidRef.getBytes(StandardCharsets.UTF_8);
        Optional<SourcePosition> current = record.map(r -> position());
        SourcePosition source = rejection.source().or(() -> current).orElse(null);
        if (source == null) {
            return DeadLetters.fromExternal(SettlementTopology.SERVICE, "settlement-timer", bidRef, null, rejection.reason(), null, now);
        }
        byte[] payload = record.filter(r -> current.filter(source::equals).isPresent()).map(r -> payload(r.value())).orElse(null);
        return DeadLetters.fromKafka(SettlementTopology.SERVICE, source.topic(), source.partition(), source.offset(), key, payload,
                record.map(Record::headers).orElse(new RecordHeaders()), rejection.reason(), null, now);
    }

    private byte[] payload(Inbound inbound) {
        if (inbound instanceof Inbound.Award award) {
            return Topics.AWARDS.valueSerde(serdeConfig).serializer().serialize(Topics.AWARDS.name(), award.decision());
        }
        if (inbound instanceof Inbound.Deployment deployment) {
            return Topics.DEPLOYMENTS.valueSerde(serdeConfig).serializer().serialize(Topics.DEPLOYMENTS.name(), deployment.event());
        }
        return StateCodec.chainFactSerde().serializer().serialize("", ((Inbound.Chain) inbound).fact());
    }

    private SourcePosition position() {
        Optional<RecordMetadata> metadata = context.recordMetadata();
        return metadata.map(m -> new SourcePosition(m.topic(), m.partition(), m.offset()))
                .orElse(new SourcePosition("unknown", -1, -1));
    }

    /** Wall clock, or the head's event time when that is ahead: deadlines are stated in head time. */
    private Instant now(long wallClockMs) {
        Long watermark = clock.get(SettlementStores.WATERMARK);
        return Instant.ofEpochMilli(watermark == null ? wallClockMs : Math.max(wallClockMs, watermark));
    }

    private void advanceWatermark(Instant eventTime) {
        Long watermark = clock.get(SettlementStores.WATERMARK);
        if (watermark == null || eventTime.toEpochMilli() > watermark) {
            clock.put(SettlementStores.WATERMARK, eventTime.toEpochMilli());
        }
    }
}
