package dev.fabric.bench.auction;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Live market load: bids opened at a steady rate, each followed by its offers inside its window;
 * every record's event time is the wall-clock instant it is written (ingest with no lag), and every
 * tick ends with bid-ingest's progress marks. After the load, the other traffic of a live head (one
 * unrelated event per partition every 20 ms) carries event time past the last windows.
 */
final class LiveLoad {

    private static final long TICK_MS = 2;
    private static final long TAIL_HEARTBEAT_MS = 20;

    private final MarketWriter market;
    private final int offersPerSecond;
    private final int offersPerBid;
    private final long windowMs;
    private final long markIntervalMs;
    private final int firstBid;

    record Result(long bids, long records, double offersPerSecond) {
    }

    LiveLoad(MarketWriter market, int offersPerSecond, int offersPerBid, long windowMs, long markIntervalMs, int firstBid) {
        this.market = market;
        this.offersPerSecond = offersPerSecond;
        this.offersPerBid = offersPerBid;
        this.windowMs = windowMs;
        this.markIntervalMs = markIntervalMs;
        this.firstBid = firstBid;
    }

    Result run(Duration duration) throws Exception {
        double bidsPerMs = offersPerSecond / (double) offersPerBid / 1000.0;
        long spacing = Math.max(1, (windowMs - 300) / offersPerBid);
        long start = System.currentTimeMillis();
        long loadEnd = start + duration.toMillis();
        long tailEnd = loadEnd + windowMs + 2_000;
        PriorityQueue<MarketWriter.PendingOffer> pending = new PriorityQueue<>();
        long[] counts = new long[3];
        long[] nextHeartbeat = {loadEnd};
        CompletableFuture<Void> done = new CompletableFuture<>();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        ticker.scheduleAtFixedRate(() -> {
            try {
                long now = System.currentTimeMillis();
                long due = Math.min(now, loadEnd);
                while (counts[0] < (long) ((due - start) * bidsPerMs)) {
                    int bid = firstBid + (int) counts[0];
                    Instant opened = Instant.ofEpochMilli(System.currentTimeMillis());
                    market.sendBid(bid, opened, windowMs);
                    for (int k = 0; k < offersPerBid; k++) {
                        pending.add(new MarketWriter.PendingOffer(opened.plusMillis(50 + spacing * k), bid, k, opened));
                    }
                    counts[0]++;
                    counts[2]++;
                }
                while (!pending.isEmpty() && pending.peek().at().toEpochMilli() <= now) {
                    MarketWriter.PendingOffer offer = pending.poll();
                    market.sendOffer(offer.bid(), offer.k(), Instant.ofEpochMilli(System.currentTimeMillis()), offer.opened());
                    counts[1]++;
                    counts[2]++;
                }
                // Each tick is a snapshot: bid-ingest marks the partitions it left silent for the interval.
                counts[2] += market.markSilentPartitions(Instant.ofEpochMilli(now), markIntervalMs);
                if (now >= loadEnd && now >= nextHeartbeat[0]) {
                    counts[2] += market.heartbeat(Instant.ofEpochMilli(now));
                    nextHeartbeat[0] = now + TAIL_HEARTBEAT_MS;
                }
                market.flush();
                if (now >= tailEnd && pending.isEmpty()) {
                    done.complete(null);
                }
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        }, 0, TICK_MS, TimeUnit.MILLISECONDS);
        try {
            done.get(duration.toMillis() + windowMs + 120_000, TimeUnit.MILLISECONDS);
        } finally {
            ticker.shutdownNow();
        }
        return new Result(counts[0], counts[2], counts[1] / (duration.toMillis() / 1000.0));
    }
}
