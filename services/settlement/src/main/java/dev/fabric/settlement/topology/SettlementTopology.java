package dev.fabric.settlement.topology;

import dev.fabric.events.serde.EventSerdes;
import dev.fabric.events.v1.award.AuctionDecision;
import dev.fabric.events.v1.deployment.DeploymentEvent;
import dev.fabric.events.v1.hydra.L2Transaction;
import dev.fabric.settlement.chain.ChainReader;
import dev.fabric.settlement.config.SettlementConfig;
import dev.fabric.settlement.config.SettlementSettings;
import dev.fabric.settlement.domain.ChainFact;
import dev.fabric.settlement.domain.Head;
import dev.fabric.settlement.domain.SettlementMachine;
import dev.fabric.settlement.domain.SettlementRound;
import dev.fabric.streams.DeadLetterRouting;
import dev.fabric.topics.Topic;
import dev.fabric.topics.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The settlement topology:
 * <pre>
 *   fabric.l2.transactions --decode (bad → dlq)--> settlement-chain-reader --(bid-keyed facts, repartitioned to
 *      (key: headId)                               [escrows, leases]          the bid topics' partitions)--+
 *   fabric.awards      --decode/validate (bad → dlq)----------------------------------------------------+--> settlement-bids
 *   fabric.deployments --decode/validate (bad → dlq)----------------------------------------------------+   [bids, timers, clock]
 *                                                                                                             |  + wall-clock timers
 *                                          fabric.settlements (SettlementEvent) <------------------------------+
 *                                          fabric.dlq (DeadLetter)              <------------------------------+
 * </pre>
 * Exactly-once v2: the stores, the events, the dead letters and the input offsets of a task commit
 * together. Awards, deployments and the repartitioned facts share the bid key and partition count,
 * so one task holds everything about a bid.
 */
@ApplicationScoped
public class SettlementTopology {

    /** Service name written into dead letters. */
    public static final String SERVICE = "settlement";
    public static final String CHAIN_READER = "settlement-chain-reader";
    public static final String PROCESSOR = "settlement-bids";
    /** Internal topic name suffix of the bid-keyed chain facts. */
    public static final String CHAIN_FACTS = "settlement-chain-facts";

    @Produces
    public Topology topology(SettlementConfig config, Head head, SettlementMetrics metrics,
                             @ConfigProperty(name = "kafka-streams." + EventSerdes.REGISTRY_URL) Optional<String> registryUrl) {
        return build(SettlementSettings.from(config), head, metrics,
                registryUrl.map(url -> Map.of(EventSerdes.REGISTRY_URL, url)).orElse(Map.of()), SettlementStores.Backing.ROCKSDB);
    }

    /** The topology without Quarkus (tests, benchmark). */
    public static Topology build(SettlementSettings settings, Head head, SettlementMetrics metrics, Map<String, ?> serdeConfig,
                                 SettlementStores.Backing backing) {
        StreamsBuilder builder = new StreamsBuilder();
        DeadLetterRouting routing = new DeadLetterRouting(SERVICE, serdeConfig,
                deadLetter -> metrics.deadLettered(deadLetter.getSourceTopic()));
        SettlementStores.builders(backing).forEach(builder::addStateStore);

        KStream<String, L2Transaction> transactions = routing.stream(builder, Topics.L2_TRANSACTIONS, SettlementInputs::l2Problems);
        ChainReader reader = new ChainReader(settings.network());
        KStream<String, ChainFact> facts = transactions
                .process(() -> new ChainFactsProcessor(reader, metrics), Named.as(CHAIN_READER),
                        SettlementStores.CHAIN_STORES.toArray(String[]::new))
                .repartition(Repartitioned.<String, ChainFact>as(CHAIN_FACTS)
                        .withKeySerde(Serdes.String()).withValueSerde(StateCodec.chainFactSerde())
                        .withNumberOfPartitions(Topics.BID_PARTITIONS));

        KStream<String, AuctionDecision> awards = routing.stream(builder, Topics.AWARDS, SettlementInputs::decisionProblems);
        KStream<String, DeploymentEvent> deployments = routing.stream(builder, Topics.DEPLOYMENTS, SettlementInputs::deploymentProblems);

        KStream<String, Inbound> inputs = awards.<Inbound>mapValues(Inbound.Award::new, Named.as("settlement-award-inputs"))
                .merge(deployments.mapValues(Inbound.Deployment::new, Named.as("settlement-deployment-inputs")),
                        Named.as("settlement-award-and-deployment-inputs"))
                .merge(facts.mapValues(Inbound.Chain::new, Named.as("settlement-chain-inputs")), Named.as("settlement-inputs"));

        SettlementRound round = new SettlementRound(new SettlementMachine(settings.timings()), head);
        KStream<String, SettlementOutput> outputs = inputs.process(
                () -> new SettlementProcessor(round, metrics, serdeConfig, settings.tick(), settings.maxPerTick(), settings.tickBudget()),
                Named.as(PROCESSOR), SettlementStores.BID_STORES.toArray(String[]::new));

        route(outputs, "events", Topics.SETTLEMENTS, serdeConfig,
                output -> output instanceof SettlementOutput.Event event ? event.event() : null);
        route(outputs, "dead-letters", Topics.DLQ, serdeConfig,
                output -> output instanceof SettlementOutput.DeadLettered dead ? dead.deadLetter() : null);
        return builder.build();
    }

    private static <V extends SpecificRecord> void route(KStream<String, SettlementOutput> outputs, String name, Topic<String, V> topic,
                                                         Map<String, ?> serdeConfig, Function<SettlementOutput, V> select) {
        outputs.filter((bidRef, output) -> select.apply(output) != null, Named.as("settlement-" + name))
                .mapValues(select::apply, Named.as("settlement-" + name + "-values"))
                .to(topic.name(), Produced.with(topic.keySerde(), topic.valueSerde(serdeConfig)).withName("settlement-" + name + "-sink"));
    }
}
