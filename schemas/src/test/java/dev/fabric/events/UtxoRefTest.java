package dev.fabric.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class UtxoRefTest {

    private static final String TX = "0f".repeat(32);

    @Test
    void shouldParseAndPrintTxIdHashIndex() {
        UtxoRef ref = UtxoRef.parse(TX + "#3");

        assertThat(ref.txId()).isEqualTo(TX);
        assertThat(ref.index()).isEqualTo(3);
        assertThat(ref).hasToString(TX + "#3");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "#1", "abc#1", "0F0F#1", "x#", "#", "tx#-1", "tx#1#2", "tx#\u0661", "tx#1 ", "tx#+1", "tx0#1"})
    void shouldRejectMalformedReferences(String text) {
        String ref = text.replace("tx", TX);
        assertThatThrownBy(() -> UtxoRef.parse(ref)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRejectUppercaseHexAndHugeIndexes() {
        assertThatThrownBy(() -> UtxoRef.parse(TX.toUpperCase() + "#1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UtxoRef.parse(TX + "#123456")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldOrderByTxIdThenIndex() {
        assertThat(UtxoRef.parse(TX + "#2")).isGreaterThan(UtxoRef.parse(TX + "#1"));
    }
}
