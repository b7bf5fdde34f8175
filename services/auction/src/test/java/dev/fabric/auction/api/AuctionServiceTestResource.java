package dev.fabric.auction.api;

import dev.fabric.testkit.EmbeddedKafkaTestResource;
import dev.fabric.testkit.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The embedded broker plus a free HTTP port for the service under test. The port must be known before
 * start-up because the service advertises it to Kafka Streams as its interactive-query endpoint (and
 * a fixed port collides with other builds on a shared machine).
 */
public class AuctionServiceTestResource extends EmbeddedKafkaTestResource {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        int port = freePort();
        config.put("quarkus.http.test-port", Integer.toString(port));
        config.put("quarkus.kafka-streams.application-server", "localhost:" + port);
        return config;
    }

    private static int freePort() {
        try {
            return FreePorts.block(1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
