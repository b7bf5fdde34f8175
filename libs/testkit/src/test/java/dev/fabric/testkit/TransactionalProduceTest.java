package dev.fabric.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fabric.events.v1.ingest.IngestCursor;
import dev.fabric.topics.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** Transactions on the embedded broker: committed records are visible to read_committed readers, aborted ones are not. */
@WithEmbeddedKafka
class TransactionalProduceTest {

    @Test
    void shouldExposeOnlyCommittedTransactions(EmbeddedKafka kafka) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "testkit-tx");
        var serde = Topics.INGEST_CURSOR.valueSerde();
        try (KafkaProducer<String, IngestCursor> producer = new KafkaProducer<>(props, Topics.INGEST_CURSOR.keySerde().serializer(), serde.serializer())) {
            producer.initTransactions();

            producer.beginTransaction();
            producer.send(new ProducerRecord<>(Topics.INGEST_CURSOR.name(), "node-a", cursor(1)));
            producer.send(new ProducerRecord<>(Topics.INGEST_CURSOR.name(), "node-a", cursor(2)));
            producer.commitTransaction();

            producer.beginTransaction();
            producer.send(new ProducerRecord<>(Topics.INGEST_CURSOR.name(), "node-a", cursor(3)));
            producer.flush();
            producer.abortTransaction();

            producer.beginTransaction();
            producer.send(new ProducerRecord<>(Topics.INGEST_CURSOR.name(), "node-a", cursor(4)));
            producer.commitTransaction();
        }

        List<ConsumerRecord<String, IngestCursor>> read = TopicRecords.readToEnd(kafka.bootstrapServers(), Topics.INGEST_CURSOR, Duration.ofSeconds(30));

        assertThat(read).extracting(r -> r.value().getSeq()).containsExactly(1L, 2L, 4L);
    }

    private static IngestCursor cursor(long seq) {
        return IngestCursor.newBuilder().setEventId("cursor-" + seq).setNodeId("node-a").setSeq(seq).setOccurredAt(EventSamples.T0).build();
    }
}
