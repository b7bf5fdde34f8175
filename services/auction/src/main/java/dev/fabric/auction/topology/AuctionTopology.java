package dev.fabric.auction.topology;

import dev.fabric.auction.config.AuctionConfig;
import dev.fabric.auction.config.AuctionSettings;
import dev.fabric.events.serde.EventSerdes;
import dev.fabric.events.v1.bid.BidEvent;
import dev.fabric.events.v1.offer.OfferEvent;
import dev.fabric.streams.DeadLetterRouting;
import dev.fabric.topics.Topic;
import dev.fabric.topics.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The auction topology:
 * <pre>
 *   fabric.bids   --decode/validate (bad → fabric.dlq)--+
 *                                                      +--> auction-lifecycle --> fabric.awards   (AuctionDecision)
 *   fabric.offers --decode/validate (bad → fabric.dlq)--+     (task stores)    --> fabric.bids     (BidExpired)
 *                                                                  |            --> fabric.offers   (OfferRejected)
 *   fabric.reputation.scores --> auction-reputation-store (global)-+            --> fabric.dlq      (invariant breaches)
 * </pre>
 * Bids and offers share key and partition count, so one task sees every event of its bids. The
 * auction reads back its own BidExpired and OfferRejected and ignores them. bid-ingest's progress
 * marks (keyless) reach the processor as event time only.
 */
@ApplicationScoped
public class AuctionTopology {

    /** Service name written into dead letters. */
    public static final String SERVICE = "auction";
    /** Name of the processor node that runs the auction lifecycle. */
    public static final String PROCESSOR = "auction-lifecycle";

    @Produces
    public Topology topology(AuctionConfig config, AuctionMetrics metrics, Instance<KafkaStreams> streams,
                             @ConfigProperty(name = "kafka-streams." + EventSerdes.REGISTRY_URL) Optional<String> registryUrl) {
        // Resolved lazily, on the stream threads: the KafkaStreams bean is built from this topology.
        InputBacklog backlog = new ConsumerLagBacklog(() -> streams.isResolvable() ? streams.get().metrics() : null);
        return build(AuctionSettings.from(config), registryUrl.map(url -> Map.of(EventSerdes.REGISTRY_URL, url)).orElse(Map.of()), metrics,
                AuctionStores.Backing.ROCKSDB, backlog);
    }

    /**
     * The topology, without Quarkus (tests, benchmark). {@code serdeConfig} selects plain or registry
     * serdes; {@code backing} where task stores live; {@code backlog} tells the wall clock when a task
     * is caught up.
     */
    public static Topology build(AuctionSettings settings, Map<String, ?> serdeConfig, AuctionMetrics metrics,
                                 AuctionStores.Backing backing, InputBacklog backlog) {
        StreamsBuilder builder = new StreamsBuilder();
        DeadLetterRouting routing = new DeadLetterRouting(SERVICE, serdeConfig, deadLetter -> metrics.deadLettered(deadLetter.getSourceTopic()));
        KStream<String, BidEvent> bids = routing.streamWithProgressMarks(builder, Topics.BIDS, AuctionInputs::bidProblems);
        KStream<String, OfferEvent> offers = routing.streamWithProgressMarks(builder, Topics.OFFERS, AuctionInputs::offerProblems);

        AuctionStores.taskStoreBuilders(backing).forEach(builder::addStateStore);
        builder.addGlobalStore(AuctionStores.reputationStoreBuilder(), Topics.REPUTATION_SCORES.name(),
                Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("auction-reputation-source"),
                () -> new ReputationHistoryProcessor(serdeConfig, settings.reputationHistory(), metrics));

        KStream<String, AuctionInput> inputs = bids
                .flatMapValues((bidRef, event) -> AuctionInputs.fromBid(bidRef, event).stream().toList(), Named.as("auction-bid-inputs"))
                .merge(offers.flatMapValues((bidRef, event) -> AuctionInputs.fromOffer(bidRef, event).stream().toList(),
                        Named.as("auction-offer-inputs")), Named.as("auction-inputs"));
        KStream<String, AuctionOutput> outputs = inputs.process(() -> new AuctionProcessor(settings, metrics, serdeConfig, backlog),
                Named.as(PROCESSOR), AuctionStores.TASK_STORES.toArray(String[]::new));

        route(outputs, "awards", Topics.AWARDS, serdeConfig,
                output -> output instanceof AuctionOutput.Decision decision ? decision.decision() : null);
        route(outputs, "expiries", Topics.BIDS, serdeConfig,
                output -> output instanceof AuctionOutput.Expiry expiry ? expiry.event() : null);
        route(outputs, "rejections", Topics.OFFERS, serdeConfig,
                output -> output instanceof AuctionOutput.Rejection rejection ? rejection.event() : null);
        route(outputs, "dead-letters", Topics.DLQ, serdeConfig,
                output -> output instanceof AuctionOutput.DeadLettered dead ? dead.deadLetter() : null);
        return builder.build();
    }

    /** Sends the outputs {@code select} picks (non-null) to {@code topic}. */
    private static <V extends SpecificRecord> void route(KStream<String, AuctionOutput> outputs, String name, Topic<String, V> topic,
                                                         Map<String, ?> serdeConfig, Function<AuctionOutput, V> select) {
        outputs.filter((bidRef, output) -> select.apply(output) != null, Named.as("auction-" + name))
                .mapValues(select::apply, Named.as("auction-" + name + "-values"))
                .to(topic.name(), Produced.with(topic.keySerde(), topic.valueSerde(serdeConfig)).withName("auction-" + name + "-sink"));
    }
}
