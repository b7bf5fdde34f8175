package dev.fabric.ingest.domain;

import static dev.fabric.ingest.domain.market.ProgressMarking.Market.BIDS;
import static dev.fabric.ingest.domain.market.ProgressMarking.Market.OFFERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fabric.ingest.domain.market.ProgressMarking;
import dev.fabric.ingest.domain.market.ProgressMarking.Market;
import dev.fabric.ingest.domain.market.ProgressMarking.MarketPartition;
import dev.fabric.ingest.domain.market.ProgressMarking.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Which market partitions a snapshot marks: the silent ones, at most once per interval of snapshot time. */
class ProgressMarkingTest {

    private static final int PARTITIONS = 6;
    private static final Instant T0 = Instant.parse("2026-11-29T08:00:00Z");

    private static MarketPartition bids(int p) {
        return new MarketPartition(BIDS, p);
    }

    private static MarketPartition offers(int p) {
        return new MarketPartition(OFFERS, p);
    }

    private static List<MarketPartition> all(Market market) {
        return IntStream.range(0, PARTITIONS).mapToObj(p -> new MarketPartition(market, p)).toList();
    }

    private static List<MarketPartition> allBut(MarketPartition... written) {
        List<MarketPartition> out = new ArrayList<>(all(BIDS));
        out.addAll(all(OFFERS));
        out.removeAll(List.of(written));
        return out;
    }

    @Test
    void shouldMarkEverySilentPartitionOfBothTopicsOnTheFirstSnapshotAfterStart() {
        Step step = ProgressMarking.start(Duration.ofHours(1), PARTITIONS).next(T0, Set.of());

        assertThat(step.marks()).containsExactlyElementsOf(allBut()).hasSize(2 * PARTITIONS);
        assertThat(step.after().lastWritten()).hasSize(2 * PARTITIONS).allSatisfy((partition, at) -> assertThat(at).isEqualTo(T0));
    }

    @Test
    void shouldNotMarkThePartitionsTheSnapshotWritesTo() {
        Step step = ProgressMarking.start(Duration.ofMillis(10), PARTITIONS).next(T0, Set.of(bids(2), offers(2), offers(5)));

        assertThat(step.marks()).containsExactlyElementsOf(allBut(bids(2), offers(2), offers(5))).hasSize(9);
        assertThat(step.after().lastWritten()).containsEntry(bids(2), T0).containsEntry(offers(5), T0);
    }

    @Test
    void shouldMarkEverySilentPartitionOnEverySnapshotWhenTheIntervalIsZero() {
        ProgressMarking marking = ProgressMarking.start(Duration.ZERO, PARTITIONS);
        for (int n = 0; n < 3; n++) {
            Step step = marking.next(T0, Set.of(bids(n)));   // same timestamp every time
            assertThat(step.marks()).as("snapshot %d", n).containsExactlyElementsOf(allBut(bids(n)));
            marking = step.after();
        }
        // Even a timestamp behind the last write's.
        assertThat(marking.next(T0.minusSeconds(1), Set.of()).marks()).hasSize(2 * PARTITIONS);
    }

    @Test
    void shouldMarkAPartitionAgainOnlyOnceTheIntervalHasPassedSinceItsLastRecord() {
        Duration interval = Duration.ofMillis(10);
        ProgressMarking marked = ProgressMarking.start(interval, PARTITIONS).next(T0, Set.of()).after();

        assertThat(marked.next(T0.plusMillis(9), Set.of()).marks()).as("9 ms later").isEmpty();
        Step due = marked.next(T0.plusMillis(10), Set.of(bids(1)));
        assertThat(due.marks()).as("10 ms later").containsExactlyElementsOf(allBut(bids(1)));

        // A partition written by an event counts as written: its silence starts again from there.
        Step quiet = due.after().next(T0.plusMillis(15), Set.of());
        assertThat(quiet.marks()).isEmpty();
        assertThat(quiet.after().next(T0.plusMillis(20), Set.of()).marks()).containsExactlyElementsOf(allBut());
    }

    @Test
    void shouldThrottleEachPartitionOfEachTopicOnItsOwn() {
        Duration interval = Duration.ofMillis(10);
        ProgressMarking marking = ProgressMarking.start(interval, PARTITIONS).next(T0, Set.of()).after();
        // bids 0 and offers 3 get events at +5 ms; everything else stays silent.
        marking = marking.next(T0.plusMillis(5), Set.of(bids(0), offers(3))).after();

        Step at12 = marking.next(T0.plusMillis(12), Set.of(offers(0)));

        assertThat(at12.marks()).containsExactlyElementsOf(allBut(bids(0), offers(0), offers(3)));
        Step at15 = at12.after().next(T0.plusMillis(15), Set.of());
        assertThat(at15.marks()).containsExactly(bids(0), offers(3));
    }

    @Test
    void shouldListBidsBeforeOffersAndNeverTheSamePartitionTwice() {
        Step step = ProgressMarking.start(Duration.ZERO, PARTITIONS).next(T0, Set.of(offers(1)));

        assertThat(step.marks()).doesNotHaveDuplicates();
        assertThat(step.marks().subList(0, PARTITIONS)).allSatisfy(m -> assertThat(m.market()).isEqualTo(BIDS));
        assertThat(step.marks().subList(PARTITIONS, step.marks().size())).containsExactly(offers(0), offers(2), offers(3),
                offers(4), offers(5));
    }

    @Test
    void shouldRefuseANegativeInterval() {
        assertThatThrownBy(() -> ProgressMarking.start(Duration.ofMillis(-1), PARTITIONS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
    }
}
