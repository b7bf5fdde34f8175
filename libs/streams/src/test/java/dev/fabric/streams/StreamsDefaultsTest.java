package dev.fabric.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class StreamsDefaultsTest {

    @Test
    void shouldNameWhatAnApplicationPropertiesFileMissesOrSetsOtherwise() {
        Properties configured = new Properties();
        StreamsDefaults.properties("auction").forEach((key, value) -> configured.setProperty("kafka-streams." + key, value.toString()));
        assertThat(StreamsDefaults.problems(configured, "auction")).isEmpty();

        configured.remove("kafka-streams.consumer.session.timeout.ms");
        configured.setProperty("kafka-streams.fabric.service", "auktion");

        assertThat(StreamsDefaults.problems(configured, "auction")).containsExactly(
                "kafka-streams.consumer.session.timeout.ms is null, should be 10000",
                "kafka-streams.fabric.service is auktion, should be auction");
    }
}
