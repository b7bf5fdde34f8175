package dev.fabric.ingest.domain.market;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which market partitions get a progress mark for a confirmed snapshot (DESIGN.md "Progress marks"):
 * every partition of {@code fabric.bids} and {@code fabric.offers} the snapshot writes no event to,
 * unless this pipeline wrote a record (event or mark) to it less than {@code interval} of snapshot time
 * before. Without the marks a quiet partition's event time stands still and the auction cannot close a
 * window until the next bid lands there.
 *
 * <p>Immutable: {@link #next} answers the marks together with the state that follows; the head's reader
 * keeps that state in memory, so after a restart every partition counts as written long ago.
 *
 * @param lastWritten snapshot time of the last record written to each partition; absent = not since start
 */
public record ProgressMarking(Duration interval, int partitions, Map<MarketPartition, Instant> lastWritten) {

    /** {@code fabric.ingest.market-progress-interval} when not configured. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(10);

    /** The two market topics, named without their Kafka catalogue entries (the domain has no Kafka). */
    public enum Market { BIDS, OFFERS }

    public record MarketPartition(Market market, int partition) {
    }

    /**
     * @param marks partitions that get a mark for this snapshot, bids before offers, each by partition
     * @param after the state after this snapshot's records and marks are written
     */
    public record Step(List<MarketPartition> marks, ProgressMarking after) {
    }

    public ProgressMarking {
        Objects.requireNonNull(interval, "interval");
        if (interval.isNegative()) {
            throw new IllegalArgumentException("the progress interval must not be negative, got " + interval);
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, got " + partitions);
        }
        lastWritten = Map.copyOf(lastWritten);
    }

    /** Nothing written since start: the first snapshot marks every partition it leaves silent. */
    public static ProgressMarking start(Duration interval, int partitions) {
        return new ProgressMarking(interval, partitions, Map.of());
    }

    /**
     * @param at      the snapshot's timestamp (the {@code occurredAt} of its events and marks)
     * @param written the partitions this snapshot's own events go to
     */
    public Step next(Instant at, Set<MarketPartition> written) {
        Objects.requireNonNull(at, "at");
        List<MarketPartition> marks = new ArrayList<>();
        Map<MarketPartition, Instant> after = new HashMap<>(lastWritten);
        for (Market market : Market.values()) {
            for (int p = 0; p < partitions; p++) {
                MarketPartition partition = new MarketPartition(market, p);
                if (written.contains(partition)) {
                    after.put(partition, at);
                } else if (due(lastWritten.get(partition), at)) {
                    marks.add(partition);
                    after.put(partition, at);
                }
            }
        }
        return new Step(List.copyOf(marks), new ProgressMarking(interval, partitions, after));
    }

    /** Zero marks on every snapshot, even one whose timestamp is behind the last write's. */
    private boolean due(Instant last, Instant at) {
        return last == null || interval.isZero() || Duration.between(last, at).compareTo(interval) >= 0;
    }
}
