package dev.fabric.k8s;

import dev.fabric.topics.Topic;
import dev.fabric.topics.Topics;
import java.util.List;

/**
 * What each Fabric service may do on Kafka: the least-privilege contract the {@code KafkaUser}
 * ACLs are generated from. {@code clientId} is the service's consumer group, Kafka Streams
 * application id and transactional-id prefix (all services use {@code fabric-<service>}).
 *
 * @param service           Kubernetes name of the service
 * @param reads             topics it consumes
 * @param writes            topics it produces to
 * @param streamsApplication whether it is a Kafka Streams app (owns internal topics {@code <clientId>-*})
 * @param groupPrefix       consumer groups it may use (prefix); the deployer runs one group per operator
 */
public record ServiceAccess(String service, List<Topic<String, ?>> reads, List<Topic<String, ?>> writes,
                            boolean streamsApplication, String groupPrefix) {

    public String clientId() {
        return "fabric-" + service;
    }

    /** The services of the suite and their access, in deployment order. */
    public static List<ServiceAccess> all() {
        return List.of(
                new ServiceAccess("bid-ingest",
                        List.of(Topics.INGEST_CURSOR),
                        List.of(Topics.HYDRA_EVENTS, Topics.L2_TRANSACTIONS, Topics.BIDS, Topics.OFFERS, Topics.INGEST_CURSOR, Topics.DLQ),
                        false, "fabric-bid-ingest"),
                new ServiceAccess("auction",
                        List.of(Topics.BIDS, Topics.OFFERS, Topics.REPUTATION_SCORES),
                        List.of(Topics.AWARDS, Topics.BIDS, Topics.OFFERS, Topics.DLQ),
                        true, "fabric-auction"),
                new ServiceAccess("reputation",
                        List.of(Topics.DEPLOYMENTS, Topics.SETTLEMENTS, Topics.AWARDS, Topics.ATTESTATIONS),
                        List.of(Topics.REPUTATION_SCORES, Topics.DLQ),
                        true, "fabric-reputation"),
                // A Kafka Streams app (application id fabric-settlement): it repartitions and keeps
                // RocksDB stores, so it owns internal topics like the other two.
                new ServiceAccess("settlement",
                        List.of(Topics.AWARDS, Topics.L2_TRANSACTIONS, Topics.DEPLOYMENTS),
                        List.of(Topics.SETTLEMENTS, Topics.DLQ),
                        true, "fabric-settlement"),
                // One consumer group per operator: fabric-deployer-<operatorId>. It reads back its own
                // deployment reports after a restart (which ended leases it delivered and may claim).
                new ServiceAccess("deployer",
                        List.of(Topics.BIDS, Topics.AWARDS, Topics.SETTLEMENTS, Topics.DEPLOYMENTS),
                        List.of(Topics.DEPLOYMENTS, Topics.DLQ),
                        false, "fabric-deployer"));
    }
}
