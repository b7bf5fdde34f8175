package dev.fabric.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fabric.events.v1.dlq.DeadLetter;
import dev.fabric.events.v1.offer.OfferEvent;
import dev.fabric.events.v1.offer.OfferMade;
import dev.fabric.testkit.EmbeddedKafka;
import dev.fabric.testkit.EventSamples;
import dev.fabric.testkit.StreamsStateDir;
import dev.fabric.testkit.TopicRecords;
import dev.fabric.testkit.WithEmbeddedKafka;
import dev.fabric.topics.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;

/** On a real broker under exactly_once_v2: poison records are dead-lettered and the stream thread keeps running. */
@WithEmbeddedKafka
class DeadLetterHandlersTest {

    @Test
    void shouldDeadLetterPoisonRecordsAndKeepProcessing(EmbeddedKafka kafka, StreamsStateDir stateDir) throws Exception {
        StreamsBuilder builder = new StreamsBuilder();
        // A typed source (deserialisation handler) feeding a processor that throws on one price (processing handler).
        builder.stream(Topics.OFFERS.name(), Consumed.with(Serdes.String(), Topics.OFFERS.valueSerde()))
                .mapValues(event -> {
                    if (((OfferMade) event.getPayload()).getPrice() == 13) {
                        throw new IllegalStateException("unlucky price");
                    }
                    return event;
                })
                .to(Topics.AWARDS.name() + ".probe", Produced.with(Serdes.String(), Topics.OFFERS.valueSerde()));
        createProbeTopic(kafka);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "handlers-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 2);
        props.putAll(StreamsErrorHandling.properties("handlers-test"));

        try (KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
            streams.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> streams.state() == KafkaStreams.State.RUNNING);
            // Kafka Streams makes a handler per thread and task and never closes them: none may hold a producer of its own.
            assertThat(deadLetterProducers("handlers-test")).isZero();
            writeRaw(kafka, "k-garbage", new byte[] {0x42});
            TopicRecords.write(kafka.bootstrapServers(), Topics.OFFERS, Map.entry("bid-1", offer(13)), Map.entry("bid-2", offer(14)));

            await().atMost(Duration.ofSeconds(60)).until(() -> readProbe(kafka).size() == 1);
            List<ConsumerRecord<String, DeadLetter>> dead = TopicRecords.read(kafka.bootstrapServers(), Topics.DLQ, 2, Duration.ofSeconds(30));

            assertThat(streams.state()).isEqualTo(KafkaStreams.State.RUNNING);
            assertThat(dead).extracting(r -> r.value().getReason()).anySatisfy(r -> assertThat(r).startsWith("cannot deserialise"))
                    .anySatisfy(r -> assertThat(r).contains("unlucky price"));
            assertThat(dead).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("k-garbage", "bid-1");
            assertThat(readProbe(kafka)).extracting(ConsumerRecord::key).containsExactly("bid-2");
            assertThat(deadLetterProducers("handlers-test")).isEqualTo(1);
        }
    }

    /** Live producers writing the service's dead letters, counted by their network threads. */
    private static long deadLetterProducers(String service) {
        String name = "kafka-producer-network-thread | " + service + "-dead-letters";
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && t.getName().equals(name)).count();
    }

    private static OfferEvent offer(long price) {
        return EventSamples.offerEvent("bid", EventSamples.ref((int) price, 0), EventSamples.offerMade(EventSamples.OPERATOR_ID, price), null, EventSamples.T0);
    }

    private static void createProbeTopic(EmbeddedKafka kafka) throws Exception {
        try (var admin = org.apache.kafka.clients.admin.Admin.create(kafka.clientConfig())) {
            admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(Topics.AWARDS.name() + ".probe", 1, (short) 1))).all().get();
        }
    }

    private static void writeRaw(EmbeddedKafka kafka, String key, byte[] value) throws Exception {
        Properties props = new Properties();
        props.put("bootstrap.servers", kafka.bootstrapServers());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, Serdes.String().serializer(), Serdes.ByteArray().serializer())) {
            producer.send(new ProducerRecord<>(Topics.OFFERS.name(), key, value)).get();
        }
    }

    private static List<ConsumerRecord<String, OfferEvent>> readProbe(EmbeddedKafka kafka) {
        var probe = new dev.fabric.topics.Topic<>(Topics.AWARDS.name() + ".probe", String.class, "bidRef", OfferEvent.class, 1,
                dev.fabric.topics.Topic.Cleanup.DELETE, Duration.ofDays(1));
        return TopicRecords.readToEnd(kafka.bootstrapServers(), probe, Duration.ofSeconds(10));
    }
}
