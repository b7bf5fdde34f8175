package dev.fabric.ingest.adapter.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The transactional producer ingest writes with; everything that exactly-once depends on is forced here. */
public final class KafkaProducers {

    private KafkaProducers() {
    }

    /**
     * @param base client settings shared with the rest of the service (bootstrap, security); anything
     *             that would weaken exactly-once is overridden
     */
    public static Map<String, Object> transactionalConfig(Map<String, Object> base, String nodeId, Duration linger,
                                                          int batchBytes, String compression, Duration transactionTimeout) {
        Map<String, Object> props = new HashMap<>(base);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, TransactionalHeadWriter.transactionalId(nodeId));
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        props.put(ProducerConfig.LINGER_MS_CONFIG, (int) linger.toMillis());
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, batchBytes);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
        props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) transactionTimeout.toMillis());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "bid-ingest-" + nodeId);
        props.remove(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
        props.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
        return props;
    }

    public static Producer<String, byte[]> create(Map<String, Object> config) {
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }
}
