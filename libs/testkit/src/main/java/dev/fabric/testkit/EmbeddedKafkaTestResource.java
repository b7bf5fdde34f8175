package dev.fabric.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Quarkus test resource: a real embedded broker with the catalogue's topics and a fresh Kafka
 * Streams state dir, wired into the application's configuration.
 * Use {@code @WithTestResource(EmbeddedKafkaTestResource.class)} on a {@code @QuarkusTest}.
 */
public class EmbeddedKafkaTestResource implements QuarkusTestResourceLifecycleManager {

    private EmbeddedKafka kafka;
    private Path stateDir;

    @Override
    public Map<String, String> start() {
        kafka = EmbeddedKafka.start();
        kafka.provisionTopics();
        try {
            stateDir = Files.createTempDirectory("fabric-streams-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "kafka.bootstrap.servers", kafka.bootstrapServers(),
                "quarkus.kafka-streams.bootstrap-servers", kafka.bootstrapServers(),
                "kafka-streams.state.dir", stateDir.toString());
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(kafka, new TestInjector.MatchesType(EmbeddedKafka.class));
    }

    @Override
    public void stop() {
        if (kafka != null) {
            kafka.destroy();
        }
        Directories.deleteRecursively(stateDir);
    }
}
