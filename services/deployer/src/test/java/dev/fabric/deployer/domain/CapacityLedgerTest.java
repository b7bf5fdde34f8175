package dev.fabric.deployer.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CapacityLedgerTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final Capacity CLUSTER = new Capacity(4000, 8192, 100, 1);
    private static final Capacity HALF = new Capacity(2000, 4096, 50, 0);

    private final CapacityLedger ledger = new CapacityLedger();

    @Test
    void shouldReserveWhileItFitsAndRefuseBeyond() {
        assertThat(ledger.reserve("a#0", HALF, Reservation.Hold.OFFER, NOW.plusSeconds(60), CLUSTER, NOW))
                .isInstanceOf(CapacityLedger.Outcome.Reserved.class);
        assertThat(ledger.reserve("b#0", HALF, Reservation.Hold.OFFER, NOW.plusSeconds(60), CLUSTER, NOW))
                .isInstanceOf(CapacityLedger.Outcome.Reserved.class);

        CapacityLedger.Outcome third = ledger.reserve("c#0", new Capacity(1, 0, 0, 0), Reservation.Hold.OFFER, NOW.plusSeconds(60), CLUSTER, NOW);

        assertThat(third).isInstanceOf(CapacityLedger.Outcome.Insufficient.class);
        assertThat(((CapacityLedger.Outcome.Insufficient) third).reason()).contains("cpu 1m > 0m");
        assertThat(ledger.snapshot(CLUSTER, NOW).free()).isEqualTo(new Capacity(0, 0, 0, 1));
    }

    @Test
    void shouldNotDoubleAHoldWhenTheSameBidIsReservedAgain() {
        ledger.reserve("a#0", HALF, Reservation.Hold.OFFER, NOW.plusSeconds(60), CLUSTER, NOW);
        ledger.reserve("a#0", HALF, Reservation.Hold.OFFER, NOW.plusSeconds(60), CLUSTER, NOW);

        assertThat(ledger.snapshot(CLUSTER, NOW).reserved()).isEqualTo(HALF);
    }

    @Test
    void shouldFreeCapacityOnRelease() {
        ledger.reserve("a#0", HALF, Reservation.Hold.OFFER, NOW.plusSeconds(60), CLUSTER, NOW);

        assertThat(ledger.release("a#0")).isPresent();
        assertThat(ledger.release("a#0")).isEmpty();
        assertThat(ledger.snapshot(CLUSTER, NOW).reserved()).isEqualTo(Capacity.ZERO);
    }

    @Test
    void shouldReleaseAnOfferHoldButNeverALeaseHoldWhenAskedForAnOffers() {
        ledger.reserve("bid-1", HALF, Reservation.Hold.OFFER, NOW.plusSeconds(60), CLUSTER, NOW);
        ledger.holdLease("bid-2", HALF, NOW.plusSeconds(3600));

        assertThat(ledger.releaseOfferHold("bid-1")).isPresent();
        assertThat(ledger.releaseOfferHold("bid-2")).isEmpty();
        assertThat(ledger.find("bid-1")).isEmpty();
        assertThat(ledger.find("bid-2")).get().extracting(Reservation::hold).isEqualTo(Reservation.Hold.LEASE);
    }

    @Test
    void shouldExpireHoldsWhoseTtlPassed() {
        ledger.reserve("short#0", HALF, Reservation.Hold.OFFER, NOW.plusSeconds(10), CLUSTER, NOW);
        ledger.reserve("long#0", HALF, Reservation.Hold.OFFER, NOW.plusSeconds(100), CLUSTER, NOW);

        assertThat(ledger.expire(NOW.plusSeconds(10))).extracting(Reservation::bidRef).containsExactly("short#0");
        assertThat(ledger.snapshot(CLUSTER, NOW.plusSeconds(10)).reservations()).extracting(Reservation::bidRef).containsExactly("long#0");
        // An expired hold no longer blocks a new reservation.
        assertThat(ledger.reserve("new#0", HALF, Reservation.Hold.OFFER, NOW.plusSeconds(200), CLUSTER, NOW.plusSeconds(10)))
                .isInstanceOf(CapacityLedger.Outcome.Reserved.class);
    }

    @Test
    void shouldHoldAConfirmedLeaseEvenWhenItOverbooks() {
        ledger.reserve("a#0", CLUSTER, Reservation.Hold.OFFER, NOW.plusSeconds(60), CLUSTER, NOW);

        Reservation lease = ledger.holdLease("b#0", HALF, NOW.plusSeconds(3600));

        assertThat(lease.hold()).isEqualTo(Reservation.Hold.LEASE);
        InventorySnapshot snapshot = ledger.snapshot(CLUSTER, NOW);
        assertThat(snapshot.free()).isEqualTo(Capacity.ZERO);
        assertThat(snapshot.utilisationBps()).isEqualTo(10_000);
    }

    @Test
    void shouldTurnAnOfferHoldIntoALeaseHold() {
        ledger.reserve("a#0", HALF, Reservation.Hold.OFFER, NOW.plusSeconds(60), CLUSTER, NOW);

        ledger.holdLease("a#0", HALF, NOW.plusSeconds(3600));

        assertThat(ledger.find("a#0")).get().extracting(Reservation::hold, Reservation::expiresAt)
                .containsExactly(Reservation.Hold.LEASE, NOW.plusSeconds(3600));
        assertThat(ledger.snapshot(CLUSTER, NOW).reserved()).isEqualTo(HALF);
    }
}
