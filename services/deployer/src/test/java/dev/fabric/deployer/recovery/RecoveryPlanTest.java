package dev.fabric.deployer.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fabric.deployer.adapter.HeadGateway.HeldLease;
import dev.fabric.deployer.adapter.HeadGateway.HeldOffer;
import dev.fabric.deployer.adapter.HeadGateway.Holdings;
import dev.fabric.deployer.domain.Capacity;
import dev.fabric.deployer.support.Fixtures;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RecoveryPlanTest {

    private static final Instant NOW = Fixtures.T0;
    private static final String BID = Fixtures.bidRef(1);
    private static final String LEASE = Fixtures.leaseRef(1);
    private static final String OFFER = Fixtures.txId(500) + "#0";

    enum Lease { CLAIM, LEAVE, NOTHING }

    static Stream<Arguments> leases() {
        return Stream.of(
                // ended, no namespace, reported ended normally: owed, claim it
                Arguments.of("ended and delivered", NOW.minusSeconds(3600), false, true, Lease.CLAIM),
                Arguments.of("ended exactly now", NOW.minusSeconds(600), false, true, Lease.CLAIM),
                // ended, no report: failed or never provisioned; the refund is settlement's
                Arguments.of("ended, no report", NOW.minusSeconds(3600), false, false, Lease.LEAVE),
                // still running without a namespace: its LeaseConfirmed will provision it
                Arguments.of("running, no namespace", NOW.minusSeconds(60), false, false, Lease.LEAVE),
                // has a namespace: the lifecycle tears it down and claims it
                Arguments.of("ended, namespace still there", NOW.minusSeconds(3600), true, true, Lease.NOTHING),
                Arguments.of("running, namespace", NOW.minusSeconds(60), true, false, Lease.NOTHING));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("leases")
    void shouldClaimOnlyEndedLeasesThisOperatorDelivered(String name, Instant start, boolean hasNamespace, boolean reportedEnded,
                                                         Lease expected) {
        HeldLease lease = new HeldLease(LEASE, BID, 5_000_000, start, 600);
        Holdings holdings = new Holdings(List.of(), List.of(lease), Set.of());
        Set<String> active = hasNamespace ? Set.of(BID) : Set.of();

        RecoveryPlan plan = RecoveryPlan.of(holdings, active, reportedEnded ? Set.of(BID) : Set.of(), NOW);

        assertThat(plan.claims()).hasSize(expected == Lease.CLAIM ? 1 : 0);
        assertThat(plan.left()).hasSize(expected == Lease.LEAVE ? 1 : 0);
        assertThat(RecoveryPlan.endedWithoutNamespace(holdings, active, NOW).contains(BID))
                .as("only ended leases without a namespace need the reports read")
                .isEqualTo(!hasNamespace && !NOW.isBefore(lease.endsAt()));
    }

    static Stream<Arguments> offers() {
        return Stream.of(
                Arguments.of("bid open, not expired", true, NOW.plusSeconds(60), true),
                Arguments.of("bid gone (awarded, taken, cancelled)", false, NOW.plusSeconds(60), false),
                Arguments.of("expired", true, NOW, false),
                Arguments.of("gone and expired", false, NOW.minusSeconds(1), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("offers")
    void shouldHoldOpenOffersAndWithdrawTheRest(String name, boolean bidOpen, Instant expiry, boolean held) {
        HeldOffer offer = new HeldOffer(OFFER, BID, 4_000_000, new Capacity(1000, 1024, 1, 0), expiry);
        Holdings holdings = new Holdings(List.of(offer), List.of(), bidOpen ? Set.of(BID) : Set.of());

        RecoveryPlan plan = RecoveryPlan.of(holdings, Set.of(), Set.of(), NOW);

        assertThat(plan.holds()).hasSize(held ? 1 : 0);
        assertThat(plan.withdraw()).hasSize(held ? 0 : 1);
    }
}
