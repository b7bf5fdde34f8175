package dev.fabric.auction.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fabric.auction.domain.AuctionState;
import dev.fabric.auction.domain.Bid;
import dev.fabric.auction.domain.Capacity;
import dev.fabric.auction.domain.Mode;
import dev.fabric.auction.domain.Offer;
import dev.fabric.auction.domain.Outcome;
import dev.fabric.auction.domain.Ranked;
import dev.fabric.auction.domain.ScoreHistory;
import dev.fabric.auction.domain.Termination;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class StateCodecTest {

    private static final Instant T0 = Instant.parse("2026-11-28T12:00:00.123Z");
    private static final String BID = "b1".repeat(32) + "#0";

    private static Bid bid(Mode mode, String arbiter, List<String> allowed) {
        return new Bid(BID, "event", "a1".repeat(28), arbiter, new Capacity(2000, 4096, 20, 1), 5, 20, mode, T0, T0.plusSeconds(600), allowed);
    }

    private static <T> T roundTrip(Serde<T> serde, T value) {
        byte[] bytes = serde.serializer().serialize("changelog", value);
        return serde.deserializer().deserialize("changelog", bytes);
    }

    @Test
    void shouldRoundTripEveryKindOfState() {
        Serde<AuctionState> serde = AuctionStores.stateSerde();
        List<AuctionState> states = List.of(
                new AuctionState.AwaitingBid(BID, T0, T0.plusSeconds(30)),
                new AuctionState.Open(bid(new Mode.Race(), null, List.of()), T0.plusSeconds(600)),
                new AuctionState.Open(bid(new Mode.LowestPrice(Duration.ofMillis(30_001)), "ee".repeat(28), List.of("op-a", "op-b")), T0),
                new AuctionState.Open(bid(new Mode.ReputationPriority(6000, Duration.ofSeconds(20)), null, List.of()), T0),
                new AuctionState.Closed(bid(new Mode.LowestPrice(Duration.ofSeconds(30)), null, List.of()), Termination.AWARDED, T0,
                        "won by op-a", List.of(
                                new Ranked(1, "c".repeat(64) + "#1", "op-a", 9, OptionalInt.of(8100), T0, Outcome.WON, "lowest"),
                                new Ranked(0, null, "op-b", 7, OptionalInt.empty(), T0.plusMillis(1), Outcome.LATE, "late")),
                        T0.plus(Duration.ofHours(24))));
        for (AuctionState state : states) {
            assertThat(roundTrip(serde, state)).isEqualTo(state);
        }
    }

    @Test
    void shouldRoundTripOffersWithAndWithoutWithdrawal() {
        Offer offer = new Offer(BID, "d".repeat(64) + "#0", "event", "op-a", 9, new Capacity(4000, 8192, 50, 0), T0.plusSeconds(900), T0, null);
        assertThat(roundTrip(AuctionStores.offerSerde(), offer)).isEqualTo(offer);
        assertThat(roundTrip(AuctionStores.offerSerde(), offer.withdrawn(T0.plusSeconds(3)))).isEqualTo(offer.withdrawn(T0.plusSeconds(3)));
    }

    @Test
    void shouldRoundTripScoreHistories() {
        ScoreHistory history = ScoreHistory.empty().with(T0, 5000, Duration.ofDays(7)).with(T0.plusSeconds(5), 7000, Duration.ofDays(7));
        assertThat(roundTrip(AuctionStores.scoreHistorySerde(), history)).isEqualTo(history);
    }

    @Test
    void shouldRefuseAFormatVersionItDoesNotKnow() {
        assertThatThrownBy(() -> AuctionStores.stateSerde().deserializer().deserialize("changelog", new byte[] {9, 1}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("format version 9");
    }
}
