package dev.fabric.auction.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fabric.auction.config.AuctionSettings;
import dev.fabric.auction.topology.TaskClock.Input;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TaskClockTest {

    private static final long WALL = 1_000_000_000L;
    /** lateness 2 s, quiet 1 s, live lag 10 s, catch-up quiet 30 s. */
    private static final AuctionSettings SETTINGS = AuctionSettings.defaults().withQuiet(Duration.ofSeconds(1), Duration.ofSeconds(30));

    private final TaskClock clock = new TaskClock(SETTINGS, WALL, Long.MIN_VALUE, Long.MIN_VALUE);

    @Test
    void shouldDecideNothingUntilBothInputsHaveBeenRead() {
        clock.observe(Input.BIDS, WALL, WALL);
        assertThat(clock.dueLimit(WALL)).isEqualTo(Long.MIN_VALUE);

        clock.observe(Input.OFFERS, WALL - 5_000, WALL);

        assertThat(clock.dueLimit(WALL)).isEqualTo(WALL - 5_000 - 2_000);
    }

    @Test
    void shouldFollowTheInputThatIsFurthestBehind() {
        clock.observe(Input.BIDS, WALL + 9_000, WALL);
        clock.observe(Input.OFFERS, WALL + 4_000, WALL);
        assertThat(clock.dueLimit(WALL)).isEqualTo(WALL + 2_000);

        clock.observe(Input.OFFERS, WALL + 12_000, WALL);

        assertThat(clock.dueLimit(WALL)).isEqualTo(WALL + 7_000);
    }

    @Test
    void shouldReportWhenAnInputsEventTimeAdvanced() {
        assertThat(clock.observe(Input.BIDS, WALL, WALL)).isTrue();
        assertThat(clock.observe(Input.BIDS, WALL - 1, WALL)).isFalse();
        assertThat(clock.eventTime(Input.BIDS)).isEqualTo(WALL);
    }

    @Test
    void shouldStopWaitingForAQuietInput() {
        clock.observe(Input.BIDS, WALL, WALL);
        clock.observe(Input.OFFERS, WALL - 1_500, WALL - 1_000);
        clock.observe(Input.BIDS, WALL + 1_000, WALL + 1_000);

        clock.assessQuiet(WALL + 1_000, () -> false);

        assertThat(clock.dueLimit(WALL + 1_000)).as("offers quiet for 2 s after a live read").isEqualTo(WALL - 1_000);
    }

    @Test
    void shouldLetTheWallClockStandInWhenEveryInputIsQuiet() {
        clock.observe(Input.BIDS, WALL, WALL);
        clock.observe(Input.OFFERS, WALL, WALL);

        clock.assessQuiet(WALL + 999, () -> false);
        assertThat(clock.dueLimit(WALL + 999)).isEqualTo(WALL - 2_000);
        clock.assessQuiet(WALL + 5_000, () -> false);

        assertThat(clock.dueLimit(WALL + 5_000)).isEqualTo(WALL + 3_000);
    }

    @Test
    void shouldWaitForTheCatchUpQuietWhenTheLastInputsWereNotLive() {
        clock.observe(Input.BIDS, WALL - 60_000, WALL);
        clock.observe(Input.OFFERS, WALL - 60_000, WALL);

        clock.assessQuiet(WALL + 29_999, () -> false);
        assertThat(clock.dueLimit(WALL + 29_999)).isEqualTo(WALL - 62_000);
        clock.assessQuiet(WALL + 30_000, () -> false);

        assertThat(clock.dueLimit(WALL + 30_000)).isEqualTo(WALL + 28_000);
    }

    @Test
    void shouldNotCallAnInputQuietWhileTheConsumerReportsUnreadInput() {
        clock.observe(Input.BIDS, WALL, WALL);
        clock.observe(Input.OFFERS, WALL, WALL);

        clock.assessQuiet(WALL + 60_000, () -> true);

        assertThat(clock.dueLimit(WALL + 60_000)).isEqualTo(WALL - 2_000);
    }

    @Test
    void shouldBecomeActiveAgainWhenAQuietInputIsRead() {
        clock.observe(Input.BIDS, WALL, WALL);
        clock.observe(Input.OFFERS, WALL, WALL);
        clock.assessQuiet(WALL + 5_000, () -> false);

        clock.observe(Input.OFFERS, WALL + 100, WALL + 5_001);

        assertThat(clock.dueLimit(WALL + 5_001)).as("bids still quiet, offers read again").isEqualTo(WALL + 100 - 2_000);
    }

    @Test
    void shouldResumeFromPersistedEventTimes() {
        TaskClock resumed = new TaskClock(SETTINGS.withLateness(Duration.ZERO), WALL, WALL - 10, WALL - 20);
        assertThat(resumed.dueLimit(WALL)).isEqualTo(WALL - 20);
    }
}
