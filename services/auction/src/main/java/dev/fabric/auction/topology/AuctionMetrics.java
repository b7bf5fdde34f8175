package dev.fabric.auction.topology;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The auction's Prometheus metrics: decisions, expiries, refused offers, dead letters and the number
 * of open auctions on this instance. Stream threads update them; Micrometer meters are thread-safe.
 */
@Singleton
public class AuctionMetrics {

    private final MeterRegistry registry;
    private final AtomicLong openAuctions = new AtomicLong();

    public AuctionMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("fabric.auction.open", openAuctions, AtomicLong::get)
                .description("Auctions open (collecting offers) in this instance's tasks")
                .register(registry);
    }

    void decided(String mode, String rule) {
        Counter.builder("fabric.auction.decisions").description("Decisions published to fabric.awards")
                .tag("mode", mode).tag("rule", rule).register(registry).increment();
    }

    void expired(String mode) {
        Counter.builder("fabric.auction.expiries").description("BidExpired published to fabric.bids")
                .tag("mode", mode).register(registry).increment();
    }

    void rejected(String refusal) {
        Counter.builder("fabric.auction.offer.rejections").description("OfferRejected published to fabric.offers")
                .tag("reason", refusal).register(registry).increment();
    }

    void deadLettered(String source) {
        Counter.builder("fabric.auction.dead.letters").description("Inputs written to fabric.dlq")
                .tag("source", source).register(registry).increment();
    }

    void undecodableScore() {
        Counter.builder("fabric.auction.reputation.skipped")
                .description("Reputation score records skipped (undecodable or inconsistent)").register(registry).increment();
    }

    void openedAuctions(long delta) {
        openAuctions.addAndGet(delta);
    }

    public long openAuctions() {
        return openAuctions.get();
    }
}
