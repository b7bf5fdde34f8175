package dev.fabric.grid.cli;

import dev.fabric.events.MarketProgressMarks;
import dev.fabric.topics.Topic;
import dev.fabric.topics.Topics;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code fabric topics list|tail}: what is on the grid's topics, decoded. */
@Command(name = "topics", description = "List the grid's topics or print their records as JSON.",
        subcommands = {TopicsCommand.ListTopics.class, TopicsCommand.Tail.class})
public final class TopicsCommand {

    @Command(name = "list", description = "The topic catalogue: name, key, partitions, cleanup.")
    static final class ListTopics implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            for (Topic<String, ?> topic : Topics.ALL) {
                out.printf("%-26s key=%-12s partitions=%d %s%n", topic.name(), topic.keyMeaning(), topic.partitions(),
                        topic.cleanup().configValue());
            }
            return 0;
        }
    }

    @Command(name = "tail", description = "Print a topic's records (decoded Avro as JSON), one per line.")
    static final class Tail implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        KafkaOptions kafka;

        @Parameters(index = "0", description = "Topic name, e.g. fabric.bids")
        String topicName;

        @Option(names = "--from-beginning", description = "Start at the oldest record instead of the newest.")
        boolean fromBeginning;

        @Option(names = "--key", description = "Only records with this key (e.g. a bidRef).")
        String key;

        @Option(names = {"-n", "--max"}, description = "Stop after this many records (default: follow until interrupted).")
        Integer max;

        @Option(names = "--idle-exit", description = "Stop after this many seconds without records.")
        Integer idleExitSeconds;

        @Option(names = "--marks", description = "Also print the MarketProgress marks of fabric.bids and fabric.offers (keyless, about no bid).")
        boolean marks;

        @Override
        public Integer call() {
            Topic<String, ?> topic = Topics.byName(topicName).orElseThrow(() -> new CliInputException(
                    "unknown topic '" + topicName + "'; known: " + Topics.ALL.stream().map(Topic::name).toList()));
            PrintWriter out = spec.commandLine().getOut();
            var deserializer = topic.valueSerde().deserializer();
            int printed = 0;
            Instant lastRecord = Instant.now();
            try (KafkaConsumer<String, byte[]> consumer = kafka.consumer()) {
                List<TopicPartition> partitions = new ArrayList<>();
                for (int p = 0; p < topic.partitions(); p++) {
                    partitions.add(new TopicPartition(topic.name(), p));
                }
                consumer.assign(partitions);
                if (fromBeginning) {
                    consumer.seekToBeginning(partitions);
                } else {
                    consumer.seekToEnd(partitions);
                }
                while (max == null || printed < max) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(250))) {
                        lastRecord = Instant.now();
                        if (key != null && !key.equals(record.key())) {
                            continue;
                        }
                        Decoded decoded = Decoded.of(record, deserializer);
                        if (decoded.mark() && !marks) {
                            continue; // one per partition and quiet snapshot: they would bury the events
                        }
                        out.println(line(record, decoded));
                        out.flush();
                        if (max != null && ++printed >= max) {
                            break;
                        }
                    }
                    if (idleExitSeconds != null && Duration.between(lastRecord, Instant.now()).toSeconds() >= idleExitSeconds) {
                        break;
                    }
                }
            }
            return 0;
        }

        /** A record's value (null for a tombstone), or why it could not be decoded. */
        private record Decoded(SpecificRecord value, String error) {

            static Decoded of(ConsumerRecord<String, byte[]> record, org.apache.kafka.common.serialization.Deserializer<?> deserializer) {
                try {
                    return new Decoded((SpecificRecord) deserializer.deserialize(record.topic(), record.value()), null);
                } catch (SerializationException e) {
                    return new Decoded(null, e.getMessage());
                }
            }

            boolean mark() {
                return value != null && MarketProgressMarks.isMark(value);
            }
        }

        private static String line(ConsumerRecord<String, byte[]> record, Decoded decoded) {
            String value = decoded.error() != null ? "{\"undecodable\":\"" + decoded.error().replace("\"", "'") + "\"}"
                    : decoded.value() == null ? "null" : AvroJson.render(decoded.value());
            return "{\"partition\":" + record.partition() + ",\"offset\":" + record.offset() + ",\"key\":"
                    + (record.key() == null ? "null" : "\"" + record.key() + "\"") + ",\"value\":" + value + "}";
        }
    }

    /** Connection options shared by the commands that read Kafka. */
    static final class KafkaOptions {
        @Option(names = "--bootstrap", defaultValue = "${FABRIC_KAFKA:-localhost:9092}",
                description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
        String bootstrap;

        KafkaConsumer<String, byte[]> consumer() {
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        }
    }
}
