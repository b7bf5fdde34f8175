package dev.fabric.deployer.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fabric.deployer.domain.PricingPolicy.Quote;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class UnitPricePolicyTest {

    /** 100 lovelace per core-second, 10 per GiB-second of memory, 1 per GiB-second of storage, 1000 per GPU-second. */
    private static final UnitPrices PRICES = new UnitPrices(360_000, 36_000, 3_600, 3_600_000);
    private static final Capacity LARGE = new Capacity(1_000_000, 1_000_000, 1_000_000, 100);

    record Case(String name, Capacity request, long seconds, Capacity allocatable, Capacity reserved, long costFloor,
                long minPrice, long maxPrice, long expectedPrice, String declineFragment) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> cases() {
        Capacity oneCoreOneGiB = new Capacity(1000, 1024, 0, 0);
        return Stream.of(
                priced("unit prices x duration", oneCoreOneGiB, 3600, LARGE, Capacity.ZERO, 0, 0, 10_000_000, 396_000),
                priced("storage and gpus are priced too", new Capacity(0, 0, 10, 1), 1800, LARGE, Capacity.ZERO, 0, 0, 10_000_000,
                        18_000 + 1_800_000),
                priced("sub-lovelace amounts round up", new Capacity(1, 0, 0, 0), 1, LARGE, Capacity.ZERO, 0, 0, 10, 1),
                priced("never below the cost floor", oneCoreOneGiB, 3600, LARGE, Capacity.ZERO, 1_000_000, 0, 10_000_000, 1_000_000),
                priced("never below the bid's minPrice", oneCoreOneGiB, 3600, LARGE, Capacity.ZERO, 0, 2_000_000, 10_000_000, 2_000_000),
                priced("exactly maxPrice is allowed", oneCoreOneGiB, 3600, LARGE, Capacity.ZERO, 0, 0, 396_000, 396_000),
                priced("no surcharge up to the threshold (70%)", oneCoreOneGiB, 3600, new Capacity(2000, 1_000_000, 0, 0),
                        new Capacity(400, 0, 0, 0), 0, 0, 10_000_000, 396_000),
                priced("surcharge grows linearly above the threshold (85% -> 25%)", oneCoreOneGiB, 3600,
                        new Capacity(2000, 1_000_000, 0, 0), new Capacity(700, 0, 0, 0), 0, 0, 10_000_000, 396_000 + 99_000),
                priced("full cluster pays the maximum surcharge (50%)", oneCoreOneGiB, 3600,
                        new Capacity(2000, 1_000_000, 0, 0), new Capacity(1000, 0, 0, 0), 0, 0, 10_000_000, 396_000 + 198_000),
                priced("the bottleneck resource decides utilisation", oneCoreOneGiB, 3600,
                        new Capacity(1_000_000, 1024, 0, 0), Capacity.ZERO, 0, 0, 10_000_000, 396_000 + 198_000),
                declined("above maxPrice", oneCoreOneGiB, 3600, LARGE, Capacity.ZERO, 0, 0, 395_999, "above the bid's maxPrice 395999"),
                declined("cost floor above maxPrice", oneCoreOneGiB, 3600, LARGE, Capacity.ZERO, 5_000_000, 0, 4_000_000, "above the bid's maxPrice"),
                declined("surcharge pushes it above maxPrice", oneCoreOneGiB, 3600, new Capacity(2000, 1_000_000, 0, 0),
                        new Capacity(1000, 0, 0, 0), 0, 0, 500_000, "above the bid's maxPrice"),
                declined("empty price range", oneCoreOneGiB, 3600, LARGE, Capacity.ZERO, 0, 2_000_000, 1_000_000, "price range is empty"));
    }

    static Arguments priced(String name, Capacity request, long seconds, Capacity allocatable, Capacity reserved, long floor,
                            long min, long max, long expected) {
        return Arguments.of(new Case(name, request, seconds, allocatable, reserved, floor, min, max, expected, null));
    }

    static Arguments declined(String name, Capacity request, long seconds, Capacity allocatable, Capacity reserved, long floor,
                              long min, long max, String fragment) {
        return Arguments.of(new Case(name, request, seconds, allocatable, reserved, floor, min, max, -1, fragment));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void shouldPriceWithinTheBidsRange(Case c) {
        UnitPricePolicy policy = new UnitPricePolicy(PRICES, c.costFloor(), 7000, 5000);
        BidTerms bid = new BidTerms("b#0", "a1".repeat(28), c.request(), c.seconds(), Optional.empty(), c.minPrice(), c.maxPrice(),
                AllocationKind.AUCTION, Instant.EPOCH, Set.of(), Optional.empty());
        InventorySnapshot inventory = new InventorySnapshot(c.allocatable(), c.reserved(), List.of());

        Quote quote = policy.quote(bid, inventory);

        if (c.declineFragment() == null) {
            assertThat(quote).isInstanceOf(Quote.Priced.class);
            long price = ((Quote.Priced) quote).lovelace();
            assertThat(price).isEqualTo(c.expectedPrice());
            assertThat(price).isBetween(Math.max(c.minPrice(), c.costFloor()), c.maxPrice());
        } else {
            assertThat(quote).isInstanceOf(Quote.Declined.class);
            assertThat(((Quote.Declined) quote).reason()).contains(c.declineFragment());
        }
    }

    @Test
    void shouldRejectImpossibleConfiguration() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new UnitPricePolicy(PRICES, 0, 10_000, 100))
                .hasMessageContaining("surcharge threshold");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new UnitPricePolicy(PRICES, -1, 7000, 100))
                .hasMessageContaining("cost floor");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new UnitPrices(-1, 0, 0, 0))
                .hasMessageContaining("unit prices");
    }

    @Test
    void shouldNotOverflowOnHugeRequests() {
        UnitPricePolicy policy = new UnitPricePolicy(new UnitPrices(Long.MAX_VALUE, 0, 0, 0), 0, 7000, 5000);
        BidTerms bid = new BidTerms("b#0", "a1".repeat(28), new Capacity(Long.MAX_VALUE, 0, 0, 0), Long.MAX_VALUE, Optional.empty(),
                0, Long.MAX_VALUE, AllocationKind.AUCTION, Instant.EPOCH, Set.of(), Optional.empty());

        Quote quote = policy.quote(bid, new InventorySnapshot(LARGE, Capacity.ZERO, List.of()));

        assertThat(quote).isInstanceOf(Quote.Declined.class);
    }
}
