package dev.fabric.auction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fabric.streams.StreamsDefaults;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** application.properties configures what every Fabric Streams service shares (dead-lettering, session). */
class StreamsDefaultsConfigTest {

    @Test
    void shouldConfigureTheSharedStreamsDefaults() throws IOException {
        assertThat(StreamsDefaults.problemsOfApplicationProperties("auction")).isEmpty();
    }
}
