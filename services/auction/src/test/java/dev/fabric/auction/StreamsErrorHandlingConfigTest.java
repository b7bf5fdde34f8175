package dev.fabric.auction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fabric.streams.StreamsErrorHandling;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** application.properties configures exactly the dead-lettering handlers the shared library prescribes. */
class StreamsErrorHandlingConfigTest {

    @Test
    void shouldConfigureTheSharedDeadLetteringHandlers() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
            properties.load(in);
        }
        StreamsErrorHandling.properties("auction").forEach((key, value) ->
                assertThat(properties.getProperty("kafka-streams." + key)).as(key).isEqualTo(value.toString()));
    }
}
