package dev.fabric.auction.topology;

import dev.fabric.auction.config.AuctionSettings;
import dev.fabric.auction.domain.AuctionLifecycle;
import dev.fabric.auction.domain.AuctionState;
import dev.fabric.auction.domain.Effect;
import dev.fabric.auction.domain.Offer;
import dev.fabric.auction.domain.ScoreBook;
import dev.fabric.auction.domain.ScoreHistory;
import dev.fabric.auction.domain.Step;
import dev.fabric.events.dlq.DeadLetters;
import dev.fabric.events.v1.bid.BidEvent;
import dev.fabric.events.v1.dlq.DeadLetter;
import dev.fabric.events.v1.offer.OfferEvent;
import dev.fabric.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

/**
 * Routes each bid's inputs and timers to the {@link AuctionLifecycle} and carries out the steps it
 * returns against the task's stores. One instance serves one task (one partition of the co-partitioned
 * bid and offer topics).
 *
 * <p>Time ({@link TaskClock}): each input topic's newest event time is persisted with the state; a
 * bid is examined once both inputs have passed its due instant by the configured lateness, so an
 * input up to that late still counts and neither topic can run ahead of the other. Timers fire
 * before the input that moved the clock is applied, in (due time, bidRef) order: the outcome depends
 * only on the inputs' order within their partitions, which a replay reproduces. Quiet inputs stop
 * holding the task back, and on a quiet head the wall clock stands in for event time, but only once
 * the consumer reports nothing unread and, after a restart into a backlog, only after the longer
 * catch-up quiet: a replay's wall clock is far ahead of its event times and must not close auctions
 * whose offers are still unread.
 */
final class AuctionProcessor implements Processor<String, AuctionInput, String, AuctionOutput> {

    private static final Logger LOG = Logger.getLogger(AuctionProcessor.class);
    private static final StringSerializer KEYS = new StringSerializer();
    private static final int RECENT_STATES = 4096;

    private final AuctionSettings settings;
    private final AuctionLifecycle lifecycle;
    private final AuctionMetrics metrics;
    private final Map<String, ?> serdeConfig;
    private final InputBacklog backlog;

    private ProcessorContext<String, AuctionOutput> context;
    private KeyValueStore<String, AuctionState> bids;
    /**
     * Decoded states of recently touched bids. This processor is the store's only writer and writes
     * through it, so the map never disagrees with the store; a new task incarnation starts empty.
     * It spares decoding the bid for each of its offers.
     */
    private final java.util.LinkedHashMap<String, AuctionState> recentStates = new java.util.LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, AuctionState> eldest) {
            return size() > RECENT_STATES;
        }
    };
    private KeyValueStore<String, Offer> offers;
    private OperatorOfferIndex operatorOffers;
    private KeyValueStore<String, Long> clock;
    private ScoreBook scores;
    private Serializer<BidEvent> bidSerializer;
    private Serializer<OfferEvent> offerSerializer;
    private Cancellable wallClock;

    private TaskClock taskClock;
    /**
     * Every bid's {@link AuctionStores#timerKey}, in due order: derived from the bids store (each state
     * names when it is due), rebuilt whenever the task starts and kept in step with every state written.
     */
    private final java.util.TreeSet<String> dueIndex = new java.util.TreeSet<>();
    private long openInThisTask;

    AuctionProcessor(AuctionSettings settings, AuctionMetrics metrics, Map<String, ?> serdeConfig, InputBacklog backlog) {
        this.settings = settings;
        this.backlog = backlog;
        this.lifecycle = new AuctionLifecycle(settings.orphanGrace(), settings.closedRetention());
        this.metrics = metrics;
        this.serdeConfig = serdeConfig;
    }

    @Override
    public void init(ProcessorContext<String, AuctionOutput> context) {
        this.context = context;
        bids = context.getStateStore(AuctionStores.BIDS);
        offers = context.getStateStore(AuctionStores.OFFERS);
        operatorOffers = context.getStateStore(AuctionStores.OPERATOR_OFFERS);
        clock = context.getStateStore(AuctionStores.CLOCK);
        KeyValueStore<String, ScoreHistory> reputation = context.getStateStore(AuctionStores.REPUTATION);
        scores = (operatorId, at) -> {
            ScoreHistory history = reputation.get(operatorId);
            return history == null ? OptionalInt.empty() : history.at(at);
        };
        bidSerializer = Topics.BIDS.valueSerde(serdeConfig).serializer();
        offerSerializer = Topics.OFFERS.valueSerde(serdeConfig).serializer();
        taskClock = new TaskClock(settings, context.currentSystemTimeMs(), storedEventTime(TaskClock.Input.BIDS),
                storedEventTime(TaskClock.Input.OFFERS));
        openInThisTask = loadDueIndex();
        rebuildOperatorIndex();
        metrics.openedAuctions(openInThisTask);
        wallClock = context.schedule(settings.wallClockTick(), PunctuationType.WALL_CLOCK_TIME, this::onWallClock);
    }

    @Override
    public void process(Record<String, AuctionInput> record) {
        long wallMs = context.currentSystemTimeMs();
        AuctionInput input = record.value();
        TaskClock.Input from = input.source() instanceof BidEvent ? TaskClock.Input.BIDS : TaskClock.Input.OFFERS;
        if (taskClock.observe(from, input.eventTime().toEpochMilli(), wallMs)) {
            clock.put(from.name(), taskClock.eventTime(from));
        }
        fireDue(taskClock.dueLimit(wallMs));
        if (input instanceof AuctionInput.Progress) {
            return;
        }
        apply(record, input);
        fireDue(taskClock.dueLimit(wallMs));
    }

    @Override
    public void close() {
        if (wallClock != null) {
            wallClock.cancel();
        }
        metrics.openedAuctions(-openInThisTask);
        openInThisTask = 0;
    }

    private void onWallClock(long wallMs) {
        taskClock.assessQuiet(wallMs, () -> backlog.pending(context.taskId()));
        fireDue(taskClock.dueLimit(wallMs));
    }

    private long storedEventTime(TaskClock.Input input) {
        Long stored = clock.get(input.name());
        return stored == null ? Long.MIN_VALUE : stored;
    }

    private void apply(Record<String, AuctionInput> record, AuctionInput input) {
        String bidRef = record.key();
        if (input instanceof AuctionInput.Misplaced misplaced) {
            deadLetter(record, misplaced.reason());
            return;
        }
        Optional<AuctionState> current = Optional.ofNullable(state(bidRef));
        boolean awaiting = current.isPresent() && current.get() instanceof AuctionState.AwaitingBid;
        Step step;
        if (input instanceof AuctionInput.OfferMade made) {
            boolean kept = current.isPresent() && !(current.get() instanceof AuctionState.Closed)
                    && operatorOffers.holds(AuctionStores.offerKey(bidRef, made.offer().offerRef()));
            step = lifecycle.offerMade(current, made.offer(), kept);
        } else if (input instanceof AuctionInput.Opened opened) {
            step = lifecycle.bidOpened(current, opened.bid(), awaiting ? offersOf(bidRef) : List.of());
        } else if (input instanceof AuctionInput.OfferWithdrawn withdrawn) {
            Optional<Offer> kept = Optional.ofNullable(offers.get(AuctionStores.offerKey(bidRef, withdrawn.offerRef())));
            step = lifecycle.offerWithdrawn(current, kept, withdrawn.operatorId(), withdrawn.eventTime(), () -> offersOf(bidRef));
        } else if (input instanceof AuctionInput.Accepted accepted) {
            step = lifecycle.accepted(current, accepted.accept());
        } else if (input instanceof AuctionInput.Cancelled cancelled) {
            step = lifecycle.cancelled(current, cancelled.eventTime(), awaiting ? offersOf(bidRef) : List.of());
        } else {
            AuctionInput.AwardedOnHead awarded = (AuctionInput.AwardedOnHead) input;
            step = lifecycle.awardedOnHead(current, awarded.eventTime(), awarded.operatorId());
        }
        carryOut(bidRef, current, step, record);
    }

    /** Fires, in (due, bidRef) order, every timer due at or before {@code limit}. */
    private void fireDue(long limit) {
        if (limit == Long.MIN_VALUE) {
            return;
        }
        Set<String> fired = new HashSet<>();
        String timerKey = dueIndex.isEmpty() ? null : dueIndex.first();
        while (timerKey != null && AuctionStores.timerMillis(timerKey) <= limit) {
            if (fired.add(timerKey)) {
                fire(timerKey);
            }
            // Firing moves or removes the timer; anything left at or before it was already fired.
            timerKey = dueIndex.higher(timerKey);
        }
    }

    private void fire(String timerKey) {
        String bidRef = AuctionStores.timerBidRef(timerKey);
        AuctionState state = state(bidRef);
        if (state == null || state.dueAt().toEpochMilli() != AuctionStores.timerMillis(timerKey)) {
            // A timer whose state moved on without it: nothing is due under it any more.
            deleteTimer(timerKey);
            return;
        }
        carryOut(bidRef, Optional.of(state), lifecycle.due(state, offersOf(bidRef), scores), null);
    }

    /** Applies a step's effects, then its state change. {@code source} is null for timer steps. */
    private void carryOut(String bidRef, Optional<AuctionState> current, Step step, Record<String, AuctionInput> source) {
        for (Effect effect : step.effects()) {
            if (effect instanceof Effect.StoreOffer store) {
                Offer offer = store.offer();
                String offerKey = AuctionStores.offerKey(bidRef, offer.offerRef());
                offers.put(offerKey, offer);
                operatorOffers.add(offerKey, offer.operatorId());
            } else if (effect instanceof Effect.Decide decide) {
                var decision = OutputEvents.decision(decide.bid(), decide.award(), settings.deployGrace());
                forward(bidRef, new AuctionOutput.Decision(decision), decide.award().decidedAt());
                metrics.decided(decision.getMode().name(), decision.getRule());
                metrics.decisionDelay(context.currentSystemTimeMs() - decide.award().decidedAt().toEpochMilli());
                LOG.infof("decision bidRef=%s mode=%s rule=%s winner=%s price=%d decidedAt=%s ranked=%d", bidRef, decision.getMode(),
                        decision.getRule(), decision.getWinnerOperatorId(), decision.getPrice(), decision.getOccurredAt(),
                        decision.getRanking().size());
            } else if (effect instanceof Effect.Expire expire) {
                forward(bidRef, new AuctionOutput.Expiry(OutputEvents.expiry(expire)), expire.expiry().at());
                metrics.expired(OutputEvents.modeKind(expire.bid().mode()).name());
                LOG.infof("expiry bidRef=%s at=%s reason=\"%s\"", bidRef, expire.expiry().at(), expire.expiry().reason());
            } else if (effect instanceof Effect.Reject reject) {
                forward(bidRef, new AuctionOutput.Rejection(OutputEvents.rejection(reject)), reject.at());
                forgetOffer(bidRef, reject.offer());
                metrics.rejected(reject.refusal().name());
                LOG.infof("offer refused bidRef=%s offerRef=%s operator=%s refusal=%s detail=\"%s\"", bidRef, reject.offer().offerRef(),
                        reject.offer().operatorId(), reject.refusal(), reject.detail());
            } else if (effect instanceof Effect.Report report) {
                deadLetter(source, report.reason());
            }
        }
        if (step instanceof Step.Move move) {
            AuctionState next = move.next();
            bids.put(bidRef, next);
            recentStates.put(bidRef, next);
            Instant previousDue = current.map(AuctionState::dueAt).orElse(null);
            if (!next.dueAt().equals(previousDue)) {
                if (previousDue != null) {
                    deleteTimer(AuctionStores.timerKey(previousDue, bidRef));
                }
                dueIndex.add(AuctionStores.timerKey(next.dueAt(), bidRef));
            }
            countOpen(current, Optional.of(next));
        } else if (step instanceof Step.Forget) {
            bids.delete(bidRef);
            recentStates.remove(bidRef);
            offersOf(bidRef).forEach(offer -> forgetOffer(bidRef, offer));
            current.ifPresent(state -> deleteTimer(AuctionStores.timerKey(state.dueAt(), bidRef)));
            countOpen(current, Optional.empty());
        }
    }

    private AuctionState state(String bidRef) {
        AuctionState known = recentStates.get(bidRef);
        if (known != null) {
            return known;
        }
        AuctionState stored = bids.get(bidRef);
        if (stored != null) {
            recentStates.put(bidRef, stored);
        }
        return stored;
    }

    private void forward(String bidRef, AuctionOutput output, Instant eventTime) {
        context.forward(new Record<>(bidRef, output, eventTime.toEpochMilli()));
    }

    private void deadLetter(Record<String, AuctionInput> record, String reason) {
        AuctionInput input = record.value();
        byte[] value = input.source() instanceof BidEvent bid
                ? bidSerializer.serialize(Topics.BIDS.name(), bid)
                : offerSerializer.serialize(Topics.OFFERS.name(), (OfferEvent) input.source());
        RecordMetadata source = context.recordMetadata().orElse(null);
        String topic = source != null ? source.topic() : (input.source() instanceof BidEvent ? Topics.BIDS.name() : Topics.OFFERS.name());
        DeadLetter deadLetter = DeadLetters.fromKafka(AuctionTopology.SERVICE, topic, source == null ? -1 : source.partition(),
                source == null ? -1 : source.offset(), record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8), value,
                record.headers(), reason, null, Instant.ofEpochMilli(record.timestamp()));
        context.forward(new Record<>(record.key(), new AuctionOutput.DeadLettered(deadLetter), record.timestamp()));
        metrics.deadLettered(topic);
        LOG.warnf("dead-lettered topic=%s partition=%d offset=%d bidRef=%s reason=\"%s\"", topic, deadLetter.getPartition(),
                deadLetter.getOffset(), record.key(), reason);
    }

    private void forgetOffer(String bidRef, Offer offer) {
        String offerKey = AuctionStores.offerKey(bidRef, offer.offerRef());
        offers.delete(offerKey);
        operatorOffers.remove(offerKey);
    }

    private List<Offer> offersOf(String bidRef) {
        List<Offer> kept = new ArrayList<>();
        try (KeyValueIterator<String, Offer> range = offers.prefixScan(AuctionStores.offersOf(bidRef), KEYS)) {
            range.forEachRemaining(entry -> kept.add(entry.value));
        }
        return kept;
    }

    /**
     * The operator index is not changelogged: after a restart, a migration or an aborted transaction
     * (which wipes and restores the task's stores) it is rebuilt from the offers store.
     */
    private void rebuildOperatorIndex() {
        operatorOffers.clear();
        try (KeyValueIterator<String, Offer> all = offers.all()) {
            all.forEachRemaining(entry -> operatorOffers.add(entry.key, entry.value.operatorId()));
        }
    }

    /** Rebuilds the due order from the bids store; returns how many of the bids are open. */
    private long loadDueIndex() {
        dueIndex.clear();
        long open = 0;
        try (KeyValueIterator<String, AuctionState> all = bids.all()) {
            while (all.hasNext()) {
                var entry = all.next();
                dueIndex.add(AuctionStores.timerKey(entry.value.dueAt(), entry.key));
                if (entry.value instanceof AuctionState.Open) {
                    open++;
                }
            }
        }
        return open;
    }

    private void deleteTimer(String timerKey) {
        dueIndex.remove(timerKey);
    }

    private void countOpen(Optional<AuctionState> before, Optional<AuctionState> after) {
        long delta = (after.isPresent() && after.get() instanceof AuctionState.Open ? 1 : 0)
                - (before.isPresent() && before.get() instanceof AuctionState.Open ? 1 : 0);
        if (delta != 0) {
            openInThisTask += delta;
            metrics.openedAuctions(delta);
        }
    }
}
