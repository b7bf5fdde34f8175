package dev.fabric.auction.topology;

import dev.fabric.auction.config.AuctionSettings;
import dev.fabric.events.EventIds;
import dev.fabric.events.MarketProgressMarks;
import dev.fabric.events.v1.award.AuctionDecision;
import dev.fabric.events.v1.bid.BidAccepted;
import dev.fabric.events.v1.bid.BidCancelled;
import dev.fabric.events.v1.bid.BidEvent;
import dev.fabric.events.v1.bid.BidOpened;
import dev.fabric.events.v1.dlq.DeadLetter;
import dev.fabric.events.v1.offer.OfferEvent;
import dev.fabric.events.v1.offer.OfferMade;
import dev.fabric.events.v1.offer.OfferWithdrawn;
import dev.fabric.events.v1.reputation.OperatorScore;
import dev.fabric.testkit.EventSamples;
import dev.fabric.topics.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The auction topology in a {@link TopologyTestDriver}, with a small vocabulary of market events.
 * Every event is piped with its event time as the record timestamp, and the driver's wall clock
 * starts at {@link EventSamples#T0}.
 */
final class AuctionDriver implements AutoCloseable {

    static final Instant T0 = EventSamples.T0;
    /** A bid that never opens: cancelling it moves event time without touching any auction. */
    private static final String CLOCK_BID = EventSamples.ref(999_999, 0);

    final TopologyTestDriver driver;
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Path stateDir;
    private final TestInputTopic<String, BidEvent> bids;
    private final TestInputTopic<String, OfferEvent> offers;
    private final TestInputTopic<String, OperatorScore> scores;
    final TestInputTopic<String, byte[]> rawOffers;
    private final TestOutputTopic<String, AuctionDecision> awards;
    private final TestOutputTopic<String, BidEvent> bidOutputs;
    private final TestOutputTopic<String, OfferEvent> offerOutputs;
    private final TestOutputTopic<String, DeadLetter> dlq;

    AuctionDriver() {
        this(AuctionSettings.defaults());
    }

    AuctionDriver(AuctionSettings settings) {
        this(settings, AuctionStores.Backing.IN_MEMORY);
    }

    AuctionDriver(AuctionSettings settings, AuctionStores.Backing backing) {
        this(settings, backing, InputBacklog.NONE);
    }

    AuctionDriver(AuctionSettings settings, AuctionStores.Backing backing, InputBacklog backlog) {
        try {
            stateDir = Files.createTempDirectory("auction-ttd-");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "auction-ttd");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(AuctionTopology.build(settings, Map.of(), new AuctionMetrics(registry), backing, backlog), props, T0);
        bids = driver.createInputTopic(Topics.BIDS.name(), Serdes.String().serializer(), Topics.BIDS.valueSerde().serializer());
        offers = driver.createInputTopic(Topics.OFFERS.name(), Serdes.String().serializer(), Topics.OFFERS.valueSerde().serializer());
        scores = driver.createInputTopic(Topics.REPUTATION_SCORES.name(), Serdes.String().serializer(),
                Topics.REPUTATION_SCORES.valueSerde().serializer());
        rawOffers = driver.createInputTopic(Topics.OFFERS.name(), Serdes.String().serializer(), Serdes.ByteArray().serializer());
        awards = driver.createOutputTopic(Topics.AWARDS.name(), Serdes.String().deserializer(), Topics.AWARDS.valueSerde().deserializer());
        bidOutputs = driver.createOutputTopic(Topics.BIDS.name(), Serdes.String().deserializer(), Topics.BIDS.valueSerde().deserializer());
        offerOutputs = driver.createOutputTopic(Topics.OFFERS.name(), Serdes.String().deserializer(), Topics.OFFERS.valueSerde().deserializer());
        dlq = driver.createOutputTopic(Topics.DLQ.name(), Serdes.String().deserializer(), Topics.DLQ.valueSerde().deserializer());
    }

    static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    static String bidRef(int n) {
        return EventSamples.ref(n, 0);
    }

    static String offerRef(int n) {
        return EventSamples.ref(10_000 + n, 0);
    }

    static String operator(int n) {
        return String.format("%056x", n);
    }

    static OfferMade withCpu(OfferMade made, long cpuMillis) {
        return OfferMade.newBuilder(made)
                .setOffered(dev.fabric.events.v1.common.Resources.newBuilder(made.getOffered()).setCpuMillis(cpuMillis).build()).build();
    }

    // ---- inputs

    AuctionDriver open(String bidRef, BidOpened payload, Instant at) {
        return bid(bidRef, payload, at);
    }

    AuctionDriver bid(String bidRef, Object payload, Instant at) {
        bids.pipeInput(bidRef, EventSamples.bidEvent(bidRef, payload, EventSamples.chain(1, 1, 1), at), at);
        return this;
    }

    AuctionDriver offer(String bidRef, int offer, int operator, long price, Instant at) {
        return offer(bidRef, offerRef(offer), EventSamples.offerMade(operator(operator), price), at);
    }

    AuctionDriver offer(String bidRef, String offerRef, OfferMade made, Instant at) {
        offers.pipeInput(bidRef, EventSamples.offerEvent(bidRef, offerRef, made, EventSamples.chain(2, 1, 1), at), at);
        return this;
    }

    AuctionDriver withdraw(String bidRef, int offer, int operator, Instant at) {
        OfferWithdrawn payload = OfferWithdrawn.newBuilder().setOperatorId(operator(operator)).build();
        offers.pipeInput(bidRef, EventSamples.offerEvent(bidRef, offerRef(offer), payload, EventSamples.chain(3, 1, 1), at), at);
        return this;
    }

    AuctionDriver accept(String bidRef, int operator, long price, Instant at) {
        return bid(bidRef, BidAccepted.newBuilder().setOperatorId(operator(operator)).setPrice(price)
                .setLeaseRef(EventSamples.ref(77, 0)).build(), at);
    }

    AuctionDriver cancel(String bidRef, Instant at) {
        return bid(bidRef, BidCancelled.newBuilder().setRefundedLovelace(22_000_000L).build(), at);
    }

    AuctionDriver score(int operator, int scoreBps, Instant at) {
        String operatorId = operator(operator);
        scores.pipeInput(operatorId, OperatorScore.newBuilder().setEventId(EventIds.of("OperatorScore", operatorId, at))
                .setOperatorId(operatorId).setOccurredAt(at).setScoreBps(scoreBps).setLowerBound(scoreBps / 10_000.0).setMean(0.9)
                .setSuccessWeight(1).setFailureWeight(0).setSuccesses(1).setFailures(0).setAttestations(0)
                .setHalfLifeMs(86_400_000L).build(), at);
        return this;
    }

    /**
     * Moves event time on both inputs to {@code at} with events that concern no auction: a cancel of a
     * bid never opened, and a withdrawal of an offer never made.
     */
    AuctionDriver eventTime(Instant at) {
        cancel(CLOCK_BID, at);
        OfferWithdrawn nothing = OfferWithdrawn.newBuilder().setOperatorId(operator(0)).build();
        offers.pipeInput(CLOCK_BID, EventSamples.offerEvent(CLOCK_BID, EventSamples.ref(999_998, 0), nothing, null, at), at);
        return this;
    }

    /** A bid-ingest progress mark on fabric.bids (keyless): the bids input has been written up to {@code at}. */
    AuctionDriver bidsMark(Instant at) {
        bids.pipeInput(null, MarketProgressMarks.bidMark(EventSamples.HEAD_ID, at.toEpochMilli(), 0, at, null), at);
        return this;
    }

    /** A bid-ingest progress mark on fabric.offers (keyless). */
    AuctionDriver offersMark(Instant at) {
        offers.pipeInput(null, MarketProgressMarks.offerMark(EventSamples.HEAD_ID, at.toEpochMilli(), 0, at, null), at);
        return this;
    }

    AuctionDriver wallClock(Duration advance) {
        driver.advanceWallClockTime(advance);
        return this;
    }

    // ---- outputs

    List<AuctionDecision> decisions() {
        return awards.readValuesToList();
    }

    List<org.apache.kafka.streams.test.TestRecord<String, AuctionDecision>> decisionRecords() {
        return awards.readRecordsToList();
    }

    /** Events the auction wrote to fabric.bids (BidExpired). */
    List<BidEvent> bidEvents() {
        return bidOutputs.readValuesToList();
    }

    /** Events the auction wrote to fabric.offers (OfferRejected). */
    List<OfferEvent> offerEvents() {
        return offerOutputs.readValuesToList();
    }

    List<DeadLetter> deadLetters() {
        return dlq.readValuesToList();
    }

    OperatorOfferIndex operatorIndex() {
        return (OperatorOfferIndex) driver.getStateStore(AuctionStores.OPERATOR_OFFERS);
    }

    <V> KeyValueStore<String, V> store(String name) {
        return driver.getKeyValueStore(name);
    }

    double counter(String name, String... tags) {
        var counter = registry.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    @Override
    public void close() {
        driver.close();
        try (var paths = Files.walk(stateDir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
