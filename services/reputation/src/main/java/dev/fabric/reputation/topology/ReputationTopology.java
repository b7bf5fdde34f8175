package dev.fabric.reputation.topology;

import dev.fabric.events.serde.EventSerdes;
import dev.fabric.events.v1.award.AuctionDecision;
import dev.fabric.events.v1.deployment.DeploymentEvent;
import dev.fabric.events.v1.reputation.Attestation;
import dev.fabric.events.v1.settlement.SettlementEvent;
import dev.fabric.reputation.config.ReputationSettings;
import dev.fabric.reputation.domain.BidFact;
import dev.fabric.reputation.domain.BidState;
import dev.fabric.reputation.domain.Evidence;
import dev.fabric.streams.DeadLetterRouting;
import dev.fabric.topics.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The reputation topology (see DESIGN.md in the domain package for the score itself):
 *
 * <pre>
 * fabric.awards, fabric.deployments, fabric.settlements   (keyed by bidRef, 6 partitions)
 *   -> decode or dead-letter -> bid facts -> dedupe by eventId
 *   -> BidVerdictProcessor (reputation-bid-store, reputation-bid-timer-store): verdicts per bid
 *   -> evidence re-keyed by operatorId -> repartition topic "...-evidence-repartition"
 *      (3 partitions: co-partitioned with fabric.attestations)
 * fabric.attestations   (keyed by operatorId, 3 partitions)
 *   -> decode, verify the auditor's Ed25519 signature, or dead-letter -> dedupe -> key check
 * both -> OperatorScoreProcessor (reputation-score-store) -> fabric.reputation.scores
 * </pre>
 *
 * Every refusal goes to fabric.dlq inside the same exactly-once transaction as the output.
 */
@ApplicationScoped
public class ReputationTopology {

    public static final String SERVICE = "reputation";
    public static final String BID_STORE = "reputation-bid-store";
    public static final String BID_TIMER_STORE = "reputation-bid-timer-store";
    public static final String BID_DEDUPE_STORE = "reputation-bid-dedupe-store";
    public static final String ATTESTATION_DEDUPE_STORE = "reputation-attestation-dedupe-store";
    public static final String SCORE_STORE = "reputation-score-store";
    /** Internal topic {@code <application.id>-reputation-evidence-repartition}. */
    public static final String EVIDENCE_REPARTITION = "reputation-evidence";

    @Produces
    Topology topology(ReputationSettings settings, ReputationMetrics metrics,
                      @ConfigProperty(name = EventSerdes.REGISTRY_URL) Optional<String> registryUrl) {
        Map<String, Object> serdeConfig = new HashMap<>();
        registryUrl.ifPresent(url -> serdeConfig.put(EventSerdes.REGISTRY_URL, url));
        return build(settings, serdeConfig, metrics);
    }

    /** The topology, built without CDI so that TopologyTestDriver tests use exactly this. */
    public static Topology build(ReputationSettings settings, Map<String, ?> serdeConfig, ReputationMetrics metrics) {
        StreamsBuilder builder = new StreamsBuilder();
        DeadLetterRouting routing = new DeadLetterRouting(SERVICE, serdeConfig, dl -> metrics.deadLettered(dl.getSourceTopic()));
        AttestationAdmission admission = new AttestationAdmission(settings.auditors());
        addStores(builder, settings.dedupeWindow());

        KStream<String, BidInput> awards = routing.stream(builder, Topics.AWARDS, BidFacts::problems)
                .flatMapValues((AuctionDecision a) -> inputs(BidFacts.of(a), a), Named.as("reputation-award-facts"));
        KStream<String, BidInput> deployments = routing.stream(builder, Topics.DEPLOYMENTS, BidFacts::problems)
                .flatMapValues((DeploymentEvent d) -> inputs(BidFacts.of(d), d), Named.as("reputation-deployment-facts"));
        KStream<String, BidInput> settlements = routing.stream(builder, Topics.SETTLEMENTS, BidFacts::problems)
                .flatMapValues((SettlementEvent s) -> inputs(BidFacts.of(s), s), Named.as("reputation-settlement-facts"));

        KStream<String, Admission<Evidence>> bidVerdicts = awards
                .merge(deployments, Named.as("reputation-merge-deployments"))
                .merge(settlements, Named.as("reputation-merge-settlements"))
                .processValues(() -> new EventIdDedupe<BidInput>(BID_DEDUPE_STORE, in -> in.fact().eventId(), settings.dedupeWindow()),
                        Named.as("reputation-bid-dedupe"), BID_DEDUPE_STORE)
                .process(() -> new BidVerdictProcessor(settings, serdeConfig), Named.as("reputation-bid-verdicts"),
                        BID_STORE, BID_TIMER_STORE);
        KStream<String, Evidence> bidEvidence = acceptedOrDeadLettered(bidVerdicts, "reputation-bid", serdeConfig, metrics)
                .repartition(Repartitioned.<String, Evidence>with(Serdes.String(), new JsonSerde<>(Evidence.class))
                        .withName(EVIDENCE_REPARTITION)
                        .withNumberOfPartitions(Topics.ATTESTATIONS.partitions()));

        KStream<String, Admission<Evidence>> attestations = routing.stream(builder, Topics.ATTESTATIONS, admission::problems)
                .processValues(() -> new EventIdDedupe<Attestation>(ATTESTATION_DEDUPE_STORE, Attestation::getEventId,
                        settings.dedupeWindow()), Named.as("reputation-attestation-dedupe"), ATTESTATION_DEDUPE_STORE)
                .process(() -> new AttestationKeyCheck(admission, serdeConfig), Named.as("reputation-attestation-key-check"));
        KStream<String, Evidence> attested = acceptedOrDeadLettered(attestations, "reputation-attestation", serdeConfig, metrics);

        bidEvidence.merge(attested, Named.as("reputation-merge-evidence"))
                .process(() -> new OperatorScoreProcessor(settings.rules(), settings.publishInterval(), metrics),
                        Named.as("reputation-operator-scores"), SCORE_STORE)
                .to(Topics.REPUTATION_SCORES.name(), Produced.with(Serdes.String(), Topics.REPUTATION_SCORES.valueSerde(serdeConfig))
                        .withName("reputation-scores-sink"));
        return builder.build();
    }

    private static void addStores(StreamsBuilder builder, Duration dedupeWindow) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(BID_STORE), Serdes.String(),
                new JsonSerde<>(BidState.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(BID_TIMER_STORE), Serdes.String(),
                Serdes.String()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SCORE_STORE), Serdes.String(),
                new JsonSerde<>(OperatorRecord.class)));
        for (String dedupe : List.of(BID_DEDUPE_STORE, ATTESTATION_DEDUPE_STORE)) {
            builder.addStateStore(Stores.windowStoreBuilder(
                    Stores.persistentWindowStore(dedupe, dedupeWindow, dedupeWindow, false), Serdes.String(), Serdes.Long()));
        }
    }

    private static List<BidInput> inputs(Optional<BidFact> fact, org.apache.avro.specific.SpecificRecord event) {
        return fact.map(f -> List.of(new BidInput(f, event))).orElse(List.of());
    }

    @SuppressWarnings("unchecked")
    private static KStream<String, Evidence> acceptedOrDeadLettered(KStream<String, Admission<Evidence>> admissions, String name,
                                                                     Map<String, ?> serdeConfig, ReputationMetrics metrics) {
        admissions.filter((key, a) -> a instanceof Admission.Rejected, Named.as(name + "-rejected"))
                .mapValues(a -> {
                    Admission.Rejected<Evidence> rejected = (Admission.Rejected<Evidence>) a;
                    metrics.deadLettered(rejected.deadLetter().getSourceTopic());
                    return rejected.deadLetter();
                }, Named.as(name + "-dead-letter"))
                .to(Topics.DLQ.name(), Produced.with(Serdes.String(), Topics.DLQ.valueSerde(serdeConfig)).withName(name + "-dlq-sink"));
        return admissions.filter((key, a) -> a instanceof Admission.Accepted, Named.as(name + "-accepted"))
                .mapValues(a -> ((Admission.Accepted<Evidence>) a).value(), Named.as(name + "-evidence"));
    }
}
