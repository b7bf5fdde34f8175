package dev.fabric.auction.domain;

import static dev.fabric.auction.domain.Market.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ScoreHistoryTest {

    private static final Duration WEEK = Duration.ofDays(7);

    @Test
    void shouldAnswerWithTheScoreInForceAtAnInstant() {
        ScoreHistory history = ScoreHistory.empty().with(at(10), 5000, WEEK).with(at(20), 7000, WEEK);
        assertThat(history.at(at(9))).isEmpty();
        assertThat(history.at(at(10))).isEqualTo(OptionalInt.of(5000));
        assertThat(history.at(at(19))).isEqualTo(OptionalInt.of(5000));
        assertThat(history.at(at(20))).isEqualTo(OptionalInt.of(7000));
    }

    @Test
    void shouldPlaceAnOutOfOrderScoreByItsTime() {
        ScoreHistory history = ScoreHistory.empty().with(at(20), 7000, WEEK).with(at(10), 5000, WEEK);
        assertThat(history.entries()).extracting(ScoreHistory.Entry::scoreBps).containsExactly(5000, 7000);
    }

    @Test
    void shouldReplaceAScoreFromTheSameInstant() {
        ScoreHistory history = ScoreHistory.empty().with(at(10), 5000, WEEK).with(at(10), 6000, WEEK);
        assertThat(history.entries()).containsExactly(new ScoreHistory.Entry(at(10).toEpochMilli(), 6000));
    }

    @Test
    void shouldPruneOldEntriesButKeepTheOneInForceAtTheHorizon() {
        Duration keep = Duration.ofSeconds(100);
        ScoreHistory history = ScoreHistory.empty().with(at(0), 1000, keep).with(at(50), 2000, keep).with(at(120), 3000, keep)
                .with(at(200), 4000, keep);
        // Horizon is 200 - 100 = 100: the entry from 50 is still in force there, the one from 0 is not needed.
        assertThat(history.entries()).extracting(ScoreHistory.Entry::scoreBps).containsExactly(2000, 3000, 4000);
        assertThat(history.at(at(100))).isEqualTo(OptionalInt.of(2000));
    }

    @Test
    void shouldCapTheNumberOfEntries() {
        ScoreHistory history = ScoreHistory.empty();
        for (int i = 0; i < ScoreHistory.MAX_ENTRIES + 10; i++) {
            history = history.with(at(i), i, WEEK);
        }
        assertThat(history.entries()).hasSize(ScoreHistory.MAX_ENTRIES);
        assertThat(history.at(at(ScoreHistory.MAX_ENTRIES + 9))).isEqualTo(OptionalInt.of(ScoreHistory.MAX_ENTRIES + 9));
    }
}
