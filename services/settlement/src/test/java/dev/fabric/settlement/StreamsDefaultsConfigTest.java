package dev.fabric.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fabric.streams.StreamsDefaults;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** application.properties configures what every Fabric Streams service shares (dead-lettering, session). */
class StreamsDefaultsConfigTest {

    @Test
    void shouldConfigureTheSharedStreamsDefaults() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
            properties.load(in);
        }
        assertThat(StreamsDefaults.problems(properties, "settlement")).isEmpty();
    }
}
