package dev.fabric.reputation.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fabric.events.v1.reputation.OperatorScore;
import dev.fabric.reputation.config.ReputationSettings;
import dev.fabric.reputation.domain.AuditorDirectory;
import dev.fabric.reputation.domain.ScoringRules;
import dev.fabric.streams.StreamsDefaults;
import dev.fabric.testkit.EmbeddedKafka;
import dev.fabric.testkit.StreamsStateDir;
import dev.fabric.testkit.TopicRecords;
import dev.fabric.testkit.WithEmbeddedKafka;
import dev.fabric.topics.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/**
 * A restart against a real broker, exactly-once: the second instance starts with an empty state
 * directory, so its state comes back from the changelogs; events redelivered after the restart
 * must not count again, new ones must.
 */
@WithEmbeddedKafka
class ReputationRestartIT {

    private static final String OP = "0e".repeat(28);

    @Test
    void shouldRestoreStateFromChangelogsAndNotCountRedeliveredEventsTwice(EmbeddedKafka kafka, StreamsStateDir stateDir) throws Exception {
        // Deadlines lie in the wall clock's future: a deadline already past would be declared missed
        // by the wall-clock check before Running is read, then withdrawn (correct, but noisier output).
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofSeconds(30));
        String bid = ReputationDriver.bid(5);
        var award = ReputationDriver.award(bid, OP, t, t.plus(Duration.ofMinutes(30)));
        var running = ReputationDriver.running(bid, OP, t.plusSeconds(60));
        var claim = ReputationDriver.claimed(bid, OP, t.plusSeconds(20), false);

        try (KafkaStreams first = start(kafka, stateDir.path().resolve("first"))) {
            TopicRecords.write(kafka.bootstrapServers(), Topics.AWARDS, Map.entry(bid, award));
            TopicRecords.write(kafka.bootstrapServers(), Topics.DEPLOYMENTS, Map.entry(bid, running));
            await().atMost(Duration.ofSeconds(60)).until(() -> scores(kafka).size() == 1);
        }

        TopicRecords.write(kafka.bootstrapServers(), Topics.DEPLOYMENTS, Map.entry(bid, running));
        TopicRecords.write(kafka.bootstrapServers(), Topics.AWARDS, Map.entry(bid, award));
        TopicRecords.write(kafka.bootstrapServers(), Topics.SETTLEMENTS, Map.entry(bid, claim));
        try (KafkaStreams second = start(kafka, stateDir.path().resolve("second"))) {
            await().atMost(Duration.ofSeconds(60)).until(() -> scores(kafka).size() >= 2);
            TopicRecords.write(kafka.bootstrapServers(), Topics.SETTLEMENTS, Map.entry(bid, claim));
            TopicRecords.write(kafka.bootstrapServers(), Topics.DEPLOYMENTS, Map.entry(bid, running));
            // The marker proves the redeliveries above were processed before we look.
            String marker = ReputationDriver.bid(6);
            TopicRecords.write(kafka.bootstrapServers(), Topics.AWARDS,
                    Map.entry(marker, ReputationDriver.award(marker, OP, t.plusSeconds(1), t.plus(Duration.ofMinutes(30)))));
            TopicRecords.write(kafka.bootstrapServers(), Topics.DEPLOYMENTS,
                    Map.entry(marker, ReputationDriver.running(marker, OP, t.plusSeconds(5))));
            await().atMost(Duration.ofSeconds(60)).until(() -> scores(kafka).size() >= 3);
        }

        List<OperatorScore> scores = scores(kafka);
        assertThat(scores).as("scores %s", scores).extracting(OperatorScore::getSuccesses).containsExactly(1L, 2L, 3L);
        assertThat(scores).extracting(OperatorScore::getFailures).containsOnly(0L);
        assertThat(TopicRecords.readToEnd(kafka.bootstrapServers(), Topics.DLQ, Duration.ofSeconds(10))).isEmpty();
    }

    private static List<OperatorScore> scores(EmbeddedKafka kafka) {
        return TopicRecords.readToEnd(kafka.bootstrapServers(), Topics.REPUTATION_SCORES, Duration.ofSeconds(10)).stream()
                .map(ConsumerRecord::value).filter(s -> s.getOperatorId().equals(OP)).toList();
    }

    private static KafkaStreams start(EmbeddedKafka kafka, Path stateDir) throws Exception {
        Files.createDirectories(stateDir);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "reputation-restart-it");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        props.putAll(StreamsDefaults.properties(ReputationTopology.SERVICE));
        ReputationSettings settings = new ReputationSettings(ScoringRules.defaults(), AuditorDirectory.parse(List.of()),
                Duration.ofMinutes(1), Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofDays(7), Duration.ofDays(400));
        KafkaStreams streams = new KafkaStreams(ReputationTopology.build(settings, Map.of(),
                new ReputationMetrics(new SimpleMeterRegistry())), props);
        streams.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> streams.state() == KafkaStreams.State.RUNNING);
        return streams;
    }
}
