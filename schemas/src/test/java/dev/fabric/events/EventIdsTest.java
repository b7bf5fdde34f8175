package dev.fabric.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EventIdsTest {

    @Test
    void shouldYieldTheSameIdForTheSameCause() {
        assertThat(EventIds.of("BidOpened", "head", "tx#0")).isEqualTo(EventIds.of("BidOpened", "head", "tx#0"));
    }

    @Test
    void shouldSeparateKindsAndPartBoundaries() {
        assertThat(EventIds.of("BidOpened", "ab", "c")).isNotEqualTo(EventIds.of("BidOpened", "a", "bc"));
        assertThat(EventIds.of("BidOpened", "x")).isNotEqualTo(EventIds.of("BidCancelled", "x"));
    }

    @Test
    void shouldBe32HexCharacters() {
        assertThat(EventIds.of("k", 1, 2L)).matches("[0-9a-f]{32}");
    }

    @Test
    void shouldRefuseNullParts() {
        assertThatThrownBy(() -> EventIds.of("k", (Object) null)).isInstanceOf(NullPointerException.class);
    }
}
