package dev.fabric.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fabric.devnet.head.DevnetConfig;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DevnetMainTest {

    @Test
    void shouldParseTheCommandLine() {
        DevnetConfig config = DevnetMain.parse(new String[] {"--port", "4555", "--data-dir", "target/x",
                "--snapshot-policy", "batch:100:20", "--contestation-period-seconds", "5", "--idle"});

        assertThat(config.port()).isEqualTo(4555);
        assertThat(config.dataDir()).isEqualTo(Path.of("target/x"));
        assertThat(config.snapshotPolicy().maxTxs()).isEqualTo(100);
        assertThat(config.snapshotPolicy().maxDelay()).isEqualTo(Duration.ofMillis(20));
        assertThat(config.contestationPeriod()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.startOpen()).isFalse();
    }

    @Test
    void shouldRefuseBadArgumentsWithAClearMessage() {
        assertThatThrownBy(() -> DevnetMain.parse(new String[] {"--port"})).hasMessageContaining("--port needs a value");
        assertThatThrownBy(() -> DevnetMain.parse(new String[] {"--port", "x"})).hasMessageContaining("--port x");
        assertThatThrownBy(() -> DevnetMain.parse(new String[] {"--colour", "red"})).hasMessageContaining("unknown option");
        assertThatThrownBy(() -> DevnetMain.parse(new String[] {"--snapshot-policy", "sometimes"}))
                .hasMessageContaining("per-tx or batch");
    }
}
