package dev.fabric.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ConsoleLoggingTest {

    @Test
    void shouldLogAtInfoWithKafkaAtWarnOnly() {
        ConsoleLogging.configure();

        assertThat(LoggerFactory.getLogger("org.apache.kafka.clients.NetworkClient").isInfoEnabled()).isFalse();
        assertThat(LoggerFactory.getLogger("kafka.server.ReplicaManager").isWarnEnabled()).isTrue();
        assertThat(LoggerFactory.getLogger("scalus.bloxbean.TxEvaluator").isDebugEnabled()).isFalse();
        assertThat(LoggerFactory.getLogger("dev.fabric.devnet.DevnetMain").isInfoEnabled()).isTrue();
    }
}
