package dev.fabric.auction.topology;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The auction's Prometheus metrics: decisions, expiries, refused offers, dead letters, the number
 * of open auctions on this instance, and how long after its due instant (wall clock minus event
 * time) each decision was taken: the lateness plus the wait for both inputs to pass the close.
 * Stream threads update them; Micrometer meters are thread-safe.
 */
@Singleton
public class AuctionMetrics {

    private final MeterRegistry registry;
    private final AtomicLong openAuctions = new AtomicLong();
    private final Timer decisionDelay;
    /** Meters by name and tags: registering looks the meter up, which is not free on the per-decision path. */
    private final java.util.concurrent.ConcurrentMap<String, Counter> counters = new java.util.concurrent.ConcurrentHashMap<>();

    public AuctionMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("fabric.auction.open", openAuctions, AtomicLong::get)
                .description("Auctions open (collecting offers) in this instance's tasks")
                .register(registry);
        decisionDelay = Timer.builder("fabric.auction.decision.delay")
                .description("Wall clock at the decision minus the event-time instant it was due at")
                .publishPercentiles(0.5, 0.99).publishPercentileHistogram().register(registry);
    }

    /** A decision taken {@code millis} of wall clock after its due instant (clamped at 0: a head's clock may run ahead of ours). */
    void decisionDelay(long millis) {
        decisionDelay.record(Math.max(0, millis), TimeUnit.MILLISECONDS);
    }

    public Timer decisionDelay() {
        return decisionDelay;
    }

    void decided(String mode, String rule) {
        counter("fabric.auction.decisions", "Decisions published to fabric.awards", "mode", mode, "rule", rule).increment();
    }

    void expired(String mode) {
        counter("fabric.auction.expiries", "BidExpired published to fabric.bids", "mode", mode).increment();
    }

    void rejected(String refusal) {
        counter("fabric.auction.offer.rejections", "OfferRejected published to fabric.offers", "reason", refusal).increment();
    }

    void deadLettered(String source) {
        counter("fabric.auction.dead.letters", "Inputs written to fabric.dlq", "source", source).increment();
    }

    void undecodableScore() {
        counter("fabric.auction.reputation.skipped", "Reputation score records skipped (undecodable or inconsistent)").increment();
    }

    private Counter counter(String name, String description, String... tags) {
        return counters.computeIfAbsent(name + String.join("|", tags),
                key -> Counter.builder(name).description(description).tags(tags).register(registry));
    }

    void openedAuctions(long delta) {
        openAuctions.addAndGet(delta);
    }

    public long openAuctions() {
        return openAuctions.get();
    }
}
