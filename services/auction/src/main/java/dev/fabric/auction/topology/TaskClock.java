package dev.fabric.auction.topology;

import dev.fabric.auction.config.AuctionSettings;
import java.util.function.BooleanSupplier;

/**
 * How far event time has advanced for one task, i.e. up to when its auctions may be decided.
 *
 * <p>Each input (bids, offers) has its own event time: the newest confirmation time read from it,
 * from an event or from one of bid-ingest's progress marks (written into the partitions a snapshot
 * left without a record, so a quiet partition still moves with its head). The task's time is the
 * minimum over the inputs, so a bid is never closed because one topic ran ahead of the other: Kafka
 * Streams interleaves the two topics by timestamp only as far as it has fetched them, and offers for
 * a bid are only known to be complete once the offers partition itself has passed the close. An input that has been quiet (no records for {@code quietAfter}, or for
 * {@code catchUpQuietAfter} when its last record was not live) while the consumer reports nothing
 * unread no longer holds the task back; when every input is quiet, the wall clock stands in for
 * event time (a quiet head still closes its auctions). Decisions are due {@code lateness} after
 * their instant.
 */
final class TaskClock {

    /** The task's inputs. */
    enum Input {
        BIDS,
        OFFERS
    }

    private static final int INPUTS = Input.values().length;

    private final long latenessMs;
    private final long quietAfterMs;
    private final long catchUpQuietAfterMs;
    private final long liveLagMs;
    private final long[] eventTime = new long[INPUTS];
    private final long[] lastReadWallMs = new long[INPUTS];
    private final boolean[] lastReadLive = new boolean[INPUTS];
    private final boolean[] idle = new boolean[INPUTS];

    /**
     * @param startWallMs     when the task started (inputs not read since count as quiet from then)
     * @param bidsEventTime   the persisted event time of the bids input (Long.MIN_VALUE if none)
     * @param offersEventTime the persisted event time of the offers input (Long.MIN_VALUE if none)
     */
    TaskClock(AuctionSettings settings, long startWallMs, long bidsEventTime, long offersEventTime) {
        this.latenessMs = settings.lateness().toMillis();
        this.quietAfterMs = settings.quietAfter().toMillis();
        this.catchUpQuietAfterMs = settings.catchUpQuietAfter().toMillis();
        this.liveLagMs = settings.liveLag().toMillis();
        eventTime[Input.BIDS.ordinal()] = bidsEventTime;
        eventTime[Input.OFFERS.ordinal()] = offersEventTime;
        lastReadWallMs[0] = startWallMs;
        lastReadWallMs[1] = startWallMs;
    }

    /** Records an input read at {@code wallMs}; true when the input's event time advanced (to be persisted). */
    boolean observe(Input input, long eventTimeMs, long wallMs) {
        int i = input.ordinal();
        lastReadWallMs[i] = wallMs;
        lastReadLive[i] = wallMs - eventTimeMs <= liveLagMs;
        idle[i] = false;
        if (eventTimeMs > eventTime[i]) {
            eventTime[i] = eventTimeMs;
            return true;
        }
        return false;
    }

    /**
     * Re-evaluates which inputs are quiet at {@code wallMs}. {@code backlogPending} is asked only when
     * some input has been quiet long enough; while it reports unread input, no input counts as quiet.
     */
    void assessQuiet(long wallMs, BooleanSupplier backlogPending) {
        boolean anyQuiet = false;
        for (int i = 0; i < INPUTS; i++) {
            long threshold = lastReadLive[i] ? quietAfterMs : catchUpQuietAfterMs;
            idle[i] = wallMs - lastReadWallMs[i] >= threshold;
            anyQuiet |= idle[i];
        }
        if (anyQuiet && backlogPending.getAsBoolean()) {
            for (int i = 0; i < INPUTS; i++) {
                idle[i] = false;
            }
        }
    }

    /** Auctions due at or before this instant (epoch ms) can be decided; Long.MIN_VALUE when none can. */
    long dueLimit(long wallMs) {
        long time = Long.MAX_VALUE;
        boolean anyActive = false;
        for (int i = 0; i < INPUTS; i++) {
            if (!idle[i]) {
                anyActive = true;
                time = Math.min(time, eventTime[i]);
            }
        }
        if (!anyActive) {
            time = Math.max(wallMs, Math.max(eventTime[0], eventTime[1]));
        }
        return time == Long.MIN_VALUE ? Long.MIN_VALUE : time - latenessMs;
    }

    long eventTime(Input input) {
        return eventTime[input.ordinal()];
    }
}
