package dev.fabric.deployer.domain;

import static dev.fabric.deployer.support.Fixtures.ME;
import static dev.fabric.deployer.support.Fixtures.OTHER_OPERATOR;
import static dev.fabric.deployer.support.Fixtures.PROFILE;
import static dev.fabric.deployer.support.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fabric.deployer.support.Fixtures;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BidDecisionTest {

    private static final PricingPolicy PRICING = new UnitPricePolicy(new UnitPrices(360_000, 36_000, 3_600, 3_600_000), 1_000_000, 7000, 5000);
    private static final InventorySnapshot ROOMY = new InventorySnapshot(new Capacity(64_000, 262_144, 2_000, 4), Capacity.ZERO, List.of());
    private static final java.time.Instant NOW = T0;

    static Stream<Arguments> declines() {
        return Stream.of(
                decline("deadline passed", b -> with(b, NOW, b.allowedOperators(), b.region(), b.durationSeconds(), b.workload(), b.request(), b.maxPrice()),
                        ROOMY, "deadline"),
                decline("operator not allowed", b -> with(b, b.deadline(), Set.of(OTHER_OPERATOR), b.region(), b.durationSeconds(), b.workload(), b.request(), b.maxPrice()),
                        ROOMY, "not among the bid's allowed operators"),
                decline("other region", b -> with(b, b.deadline(), b.allowedOperators(), Optional.of("us-east"), b.durationSeconds(), b.workload(), b.request(), b.maxPrice()),
                        ROOMY, "region us-east is not served"),
                decline("lease too long", b -> with(b, b.deadline(), b.allowedOperators(), b.region(), Duration.ofDays(8).toSeconds(), b.workload(), b.request(), b.maxPrice()),
                        ROOMY, "longer than this operator's limit"),
                decline("no workload spec", b -> with(b, b.deadline(), b.allowedOperators(), b.region(), b.durationSeconds(), Optional.empty(), b.request(), b.maxPrice()),
                        ROOMY, "no workload spec"),
                decline("invalid workload", b -> with(b, b.deadline(), b.allowedOperators(), b.region(), b.durationSeconds(),
                        Optional.of(Workload.of(WorkloadKind.DEPLOYMENT, "Not An Image", List.of(), List.of(), java.util.Map.of(), List.of(80), 1)),
                        b.request(), b.maxPrice()), ROOMY, "workload rejected: not a valid image reference"),
                decline("insufficient capacity", UnaryOperator.identity(),
                        new InventorySnapshot(new Capacity(4000, 8192, 100, 0), new Capacity(3000, 0, 0, 0), List.of()), "insufficient free capacity: cpu 2000m > 1000m"),
                decline("gpus the cluster lacks", b -> with(b, b.deadline(), b.allowedOperators(), b.region(), b.durationSeconds(), b.workload(),
                        new Capacity(2000, 4096, 20, 2), b.maxPrice()), new InventorySnapshot(new Capacity(64_000, 262_144, 2_000, 0), Capacity.ZERO, List.of()),
                        "gpus 2 > 0"),
                decline("price above maxPrice", b -> with(b, b.deadline(), b.allowedOperators(), b.region(), b.durationSeconds(), b.workload(),
                        new Capacity(4000, 8192, 40, 0), 1_000_000),
                        ROOMY, "above the bid's maxPrice"));
    }

    static Arguments decline(String name, UnaryOperator<BidTerms> change, InventorySnapshot inventory, String reason) {
        return Arguments.of(name, change, inventory, reason);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("declines")
    void shouldDeclineWithAReason(String name, UnaryOperator<BidTerms> change, InventorySnapshot inventory, String reason) {
        BidResponse response = BidDecision.decide(change.apply(Fixtures.bid(1, AllocationKind.AUCTION)), PROFILE, inventory, PRICING, NOW);

        assertThat(response).isInstanceOf(BidResponse.Decline.class);
        assertThat(((BidResponse.Decline) response).reason()).contains(reason);
    }

    @Test
    void shouldAcceptARaceBid() {
        BidResponse response = BidDecision.decide(Fixtures.bid(1, AllocationKind.RACE), PROFILE, ROOMY, PRICING, NOW);

        assertThat(response).isInstanceOf(BidResponse.Accept.class);
        BidResponse.Accept accept = (BidResponse.Accept) response;
        // The quote (2 cores, 4 GiB, 20 GiB for an hour = 936 000) is lifted to the bid's minPrice.
        assertThat(accept.price()).isEqualTo(Math.max(2 * 360_000 + 4 * 36_000 + 20 * 3_600, 1_000_000));
        assertThat(accept.accepted()).isEqualTo(Fixtures.REQUEST);
    }

    @Test
    void shouldOfferOnAuctionAndReputationBidsUntilTheDeadline() {
        for (AllocationKind mode : List.of(AllocationKind.AUCTION, AllocationKind.REPUTATION)) {
            BidTerms bid = Fixtures.bid(1, mode);
            BidResponse response = BidDecision.decide(bid, PROFILE, ROOMY, PRICING, NOW);

            assertThat(response).isInstanceOf(BidResponse.Offer.class);
            BidResponse.Offer offer = (BidResponse.Offer) response;
            assertThat(offer.offered()).isEqualTo(bid.request());
            assertThat(offer.expiry()).isEqualTo(bid.deadline());
            assertThat(offer.price()).isBetween(bid.minPrice(), bid.maxPrice());
        }
    }

    @Test
    void shouldCompeteWhenListedAmongAllowedOperators() {
        BidTerms bid = with(Fixtures.bid(1, AllocationKind.AUCTION), T0.plusSeconds(600), Set.of(ME, OTHER_OPERATOR), Optional.empty(), 3600,
                Optional.of(Fixtures.deployment()), Fixtures.REQUEST, 20_000_000);

        assertThat(BidDecision.decide(bid, PROFILE, ROOMY, PRICING, NOW)).isInstanceOf(BidResponse.Offer.class);
    }

    @Test
    void shouldKeepAnyPolicyInsideTheBidsRange() {
        PricingPolicy greedy = (bid, inventory) -> new PricingPolicy.Quote.Priced(bid.maxPrice() + 1, "greedy");

        BidResponse response = BidDecision.decide(Fixtures.bid(1, AllocationKind.AUCTION), PROFILE, ROOMY, greedy, NOW);

        assertThat(response).isInstanceOf(BidResponse.Decline.class);
        assertThat(((BidResponse.Decline) response).reason()).contains("outside the bid's range");
    }

    @Test
    void shouldOnlyServeRegionlessBidsWithoutARegion() {
        OperatorProfile nowhere = new OperatorProfile(ME, Optional.empty(), Fixtures.RULES);

        assertThat(BidDecision.screen(Fixtures.bid(1, AllocationKind.AUCTION), nowhere, NOW)).get().asString().contains("no region");
    }

    private static BidTerms with(BidTerms b, java.time.Instant deadline, Set<String> allowed, Optional<String> region, long seconds,
                                 Optional<Workload> workload, Capacity request, long maxPrice) {
        return new BidTerms(b.bidRef(), b.appPkh(), request, seconds, region, b.minPrice(), maxPrice, b.mode(), deadline, allowed, workload);
    }
}
