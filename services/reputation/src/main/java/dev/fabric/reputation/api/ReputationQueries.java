package dev.fabric.reputation.api;

import dev.fabric.reputation.topology.OperatorRecord;
import dev.fabric.reputation.topology.ReputationTopology;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Interactive queries on {@code reputation-score-store}. Each operator lives on the instance that
 * owns its partition; {@code queryMetadataForKey} says which. Without
 * {@code quarkus.kafka-streams.application-server} the instance assumes it is alone.
 */
@ApplicationScoped
public class ReputationQueries {

    private final KafkaStreams streams;
    private final Optional<HostInfo> self;

    @Inject
    public ReputationQueries(KafkaStreams streams,
                             @ConfigProperty(name = "quarkus.kafka-streams.application-server") Optional<String> applicationServer) {
        this.streams = streams;
        this.self = applicationServer.map(HostInfo::buildFromEndpoint);
    }

    public Lookup<OperatorRecord> operator(String operatorId) {
        if (self.isPresent()) {
            KeyQueryMetadata metadata = streams.queryMetadataForKey(ReputationTopology.SCORE_STORE, operatorId, Serdes.String().serializer());
            if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)) {
                return new Lookup.Unavailable<>("partition owner of " + operatorId + " not known (starting or rebalancing)");
            }
            if (!metadata.activeHost().equals(self.get())) {
                return new Lookup.Elsewhere<>(metadata.activeHost());
            }
        }
        try {
            OperatorRecord record = store().get(operatorId);
            return record == null ? new Lookup.NotFound<>() : new Lookup.Found<>(record);
        } catch (InvalidStateStoreException e) {
            return new Lookup.Unavailable<>("score store not queryable: " + e.getMessage());
        }
    }

    /** Every operator this instance holds, or why the store cannot answer. */
    public Lookup<List<OperatorRecord>> localOperators() {
        try (KeyValueIterator<String, OperatorRecord> all = store().all()) {
            List<OperatorRecord> records = new ArrayList<>();
            all.forEachRemaining(kv -> records.add(kv.value));
            return new Lookup.Found<>(records);
        } catch (InvalidStateStoreException e) {
            return new Lookup.Unavailable<>("score store not queryable: " + e.getMessage());
        }
    }

    /** The other instances that hold a part of the score store. */
    public List<HostInfo> otherInstances() {
        if (self.isEmpty()) {
            return List.of();
        }
        return streams.metadataForAllStreamsClients().stream()
                .filter(m -> m.stateStoreNames().contains(ReputationTopology.SCORE_STORE))
                .map(StreamsMetadata::hostInfo)
                .filter(host -> !host.equals(self.get()))
                .distinct()
                .toList();
    }

    private ReadOnlyKeyValueStore<String, OperatorRecord> store() {
        return streams.store(StoreQueryParameters.fromNameAndType(ReputationTopology.SCORE_STORE, QueryableStoreTypes.keyValueStore()));
    }
}
