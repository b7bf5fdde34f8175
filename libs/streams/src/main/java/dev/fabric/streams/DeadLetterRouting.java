package dev.fabric.streams;

import dev.fabric.events.MarketProgressMarks;
import dev.fabric.events.dlq.DeadLetters;
import dev.fabric.events.v1.dlq.DeadLetter;
import dev.fabric.topics.Topic;
import dev.fabric.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.jboss.logging.Logger;

/**
 * Reads a catalogue topic as raw bytes and decodes it inside the topology, so that a record which
 * cannot be decoded, has no key, or breaks an invariant goes to {@code fabric.dlq} in the same
 * exactly-once transaction as the rest of the task's output, and processing continues.
 *
 * <p>The dead letter's time is the record's timestamp, not the wall clock, so a replay of the
 * input writes identical dead letters.
 */
public final class DeadLetterRouting {

    private static final Logger LOG = Logger.getLogger(DeadLetterRouting.class);

    private final String service;
    private final Map<String, ?> serdeConfig;
    private final Consumer<DeadLetter> onDeadLetter;

    /**
     * @param service      name written into every dead letter
     * @param serdeConfig  client configuration choosing the value serde (registry or plain)
     * @param onDeadLetter called for every dead letter routed (metrics); runs on the stream thread
     */
    public DeadLetterRouting(String service, Map<String, ?> serdeConfig, Consumer<DeadLetter> onDeadLetter) {
        this.service = Objects.requireNonNull(service, "service");
        this.serdeConfig = Map.copyOf(serdeConfig);
        this.onDeadLetter = Objects.requireNonNull(onDeadLetter, "onDeadLetter");
    }

    /** Routing without a dead-letter hook. */
    public static <V extends SpecificRecord> KStream<String, V> stream(StreamsBuilder builder, Topic<String, V> topic, String service,
                                                                       Map<String, ?> serdeConfig, Function<V, List<String>> validator) {
        return new DeadLetterRouting(service, serdeConfig, deadLetter -> { }).stream(builder, topic, validator);
    }

    /**
     * The decoded, valid records of {@code topic}. {@code validator} returns the invariant violations
     * of a decoded value (empty when valid); violations and decoding errors are dead-lettered.
     * Progress marks ({@link MarketProgressMarks}: keyless, about no bid) are skipped.
     */
    public <V extends SpecificRecord> KStream<String, V> stream(StreamsBuilder builder, Topic<String, V> topic,
                                                               Function<V, List<String>> validator) {
        return stream(builder, topic, validator, false);
    }

    /**
     * As {@link #stream(StreamsBuilder, Topic, Function)}, but progress marks are forwarded too, with a
     * null key and without validation: for a reader that keeps event time per partition.
     */
    public <V extends SpecificRecord> KStream<String, V> streamWithProgressMarks(StreamsBuilder builder, Topic<String, V> topic,
                                                                                 Function<V, List<String>> validator) {
        return stream(builder, topic, validator, true);
    }

    private <V extends SpecificRecord> KStream<String, V> stream(StreamsBuilder builder, Topic<String, V> topic,
                                                                Function<V, List<String>> validator, boolean forwardMarks) {
        String name = service + "-" + topic.name();
        KStream<String, Routed<V>> routed = builder
                .stream(topic.name(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(name + "-source"))
                .process(() -> new Decoder<>(topic, validator, forwardMarks), Named.as(name + "-decode"));
        routed.filter((key, r) -> r instanceof Routed.Rejected<V>, Named.as(name + "-rejected"))
                .mapValues(r -> ((Routed.Rejected<V>) r).deadLetter(), Named.as(name + "-dead-letter"))
                .to(Topics.DLQ.name(), Produced.with(Serdes.String(), Topics.DLQ.valueSerde(serdeConfig)).withName(name + "-dlq-sink"));
        return routed.filter((key, r) -> r instanceof Routed.Decoded<V>, Named.as(name + "-decoded"))
                .mapValues(r -> ((Routed.Decoded<V>) r).value(), Named.as(name + "-value"));
    }

    /** What decoding one record yielded. */
    sealed interface Routed<V> {
        record Decoded<V>(V value) implements Routed<V> {
        }

        record Rejected<V>(DeadLetter deadLetter) implements Routed<V> {
        }
    }

    private final class Decoder<V extends SpecificRecord> implements Processor<byte[], byte[], String, Routed<V>> {

        private final Topic<String, V> topic;
        private final Function<V, List<String>> validator;
        private final boolean forwardMarks;
        private Deserializer<V> deserializer;
        private ProcessorContext<String, Routed<V>> context;

        Decoder(Topic<String, V> topic, Function<V, List<String>> validator, boolean forwardMarks) {
            this.topic = topic;
            this.validator = validator;
            this.forwardMarks = forwardMarks;
        }

        @Override
        public void init(ProcessorContext<String, Routed<V>> context) {
            this.context = context;
            this.deserializer = topic.valueSerde(serdeConfig).deserializer();
        }

        @Override
        public void process(Record<byte[], byte[]> record) {
            String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
            if (record.value() == null) {
                reject(record, key, "record has no value (tombstones are not events)", null);
                return;
            }
            V value;
            try {
                value = deserializer.deserialize(topic.name(), record.headers(), record.value());
            } catch (RuntimeException e) {
                reject(record, key, e.getMessage(), e);
                return;
            }
            if (MarketProgressMarks.isMark(value)) {
                if (forwardMarks) {
                    context.forward(new Record<>(null, new Routed.Decoded<>(value), record.timestamp(), record.headers()));
                }
                return;
            }
            if (key == null) {
                reject(record, key, "record has no key (" + topic.name() + " is keyed by " + topic.keyMeaning() + ")", null);
                return;
            }
            List<String> problems;
            try {
                problems = validator.apply(value);
            } catch (RuntimeException e) {
                reject(record, key, "validation failed: " + e, e);
                return;
            }
            if (!problems.isEmpty()) {
                reject(record, key, String.join("; ", problems), null);
                return;
            }
            context.forward(new Record<>(key, new Routed.Decoded<>(value), record.timestamp(), record.headers()));
        }

        private void reject(Record<byte[], byte[]> record, String key, String reason, Throwable error) {
            RecordMetadata source = context.recordMetadata().orElse(null);
            String sourceTopic = source == null ? topic.name() : source.topic();
            int partition = source == null ? -1 : source.partition();
            long offset = source == null ? -1 : source.offset();
            DeadLetter deadLetter = DeadLetters.fromKafka(service, sourceTopic, partition, offset, record.key(), record.value(),
                    record.headers(), reason, error, Instant.ofEpochMilli(record.timestamp()));
            LOG.warnf("Dead-lettered %s[%d]@%d: %s", sourceTopic, partition, offset, reason);
            onDeadLetter.accept(deadLetter);
            context.forward(new Record<>(key, new Routed.Rejected<>(deadLetter), record.timestamp(), record.headers()));
        }
    }
}
