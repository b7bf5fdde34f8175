package dev.fabric.hydra.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HeadConnectionConfigTest {

    @Test
    void shouldDefaultToHistoryWithoutSnapshotUtxo() {
        HeadConnectionConfig config = HeadConnectionConfig.builder("http://127.0.0.1:4001").build();

        assertEquals(URI.create("ws://127.0.0.1:4001/?history=yes&snapshot-utxo=no"), config.webSocketUri());
        assertEquals(URI.create("http://127.0.0.1:4001"), config.httpUri());
        assertTrue(config.resumeAfterSeq().isEmpty());
    }

    @Test
    void shouldKeepTlsAcrossBothProtocols() {
        HeadConnectionConfig config = HeadConnectionConfig.builder("wss://node.example:4443").history(false).build();

        assertEquals(URI.create("wss://node.example:4443/?history=no&snapshot-utxo=no"), config.webSocketUri());
        assertEquals(URI.create("https://node.example:4443"), config.httpUri());
    }

    @Test
    void shouldEncodeTheAddressFilterAndIgnoreABlankOne() {
        assertEquals("history=yes&snapshot-utxo=no&address=addr+test%231",
                HeadConnectionConfig.builder("ws://h:1").addressFilter("addr test#1").build().webSocketUri().getRawQuery());
        assertEquals("history=yes&snapshot-utxo=no",
                HeadConnectionConfig.builder("ws://h:1").addressFilter("  ").build().webSocketUri().getRawQuery());
    }

    @Test
    void shouldFailFastOnBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> HeadConnectionConfig.builder("ftp://h:1").build());
        assertThrows(IllegalArgumentException.class, () -> HeadConnectionConfig.builder("http:relative").build());
        assertThrows(IllegalArgumentException.class,
                () -> HeadConnectionConfig.builder("ws://h:1").pingInterval(Duration.ofSeconds(30)).idleTimeout(Duration.ofSeconds(30)).build());
        assertThrows(IllegalArgumentException.class, () -> HeadConnectionConfig.builder("ws://h:1").connectTimeout(Duration.ZERO).build());
        assertThrows(IllegalArgumentException.class, () -> HeadConnectionConfig.builder("ws://h:1").maxFrameChars(10).build());
    }
}
