package dev.fabric.settlement.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Domain values for the state machine's tests. */
final class Samples {

    static final Instant T0 = Instant.parse("2026-11-28T12:00:00Z");
    static final String APP = "a1".repeat(28);
    static final String OPERATOR = "0b".repeat(28);
    static final String OTHER_OPERATOR = "0c".repeat(28);
    static final String ARBITER = "ee".repeat(28);
    static final String HEAD = "4a".repeat(16);
    static final SettlementTimings TIMINGS = new SettlementTimings(Duration.ofSeconds(30), Duration.ofMinutes(2),
            Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofDays(90));

    private Samples() {
    }

    static String txId(int n) {
        return String.format("%064x", n);
    }

    static String ref(int tx, int index) {
        return txId(tx) + "#" + index;
    }

    static final String BID = ref(1, 0);
    static final String OFFER = ref(2, 0);

    static Decision auction() {
        return new Decision("decision-1", BID, AwardMode.AUCTION, OPERATOR, Optional.of(OFFER), 9_000_000, APP,
                Optional.of(ARBITER), Optional.empty(), T0, T0.plusSeconds(300), new SourcePosition("fabric.awards", 2, 17));
    }

    static Decision race(String leaseRef) {
        return new Decision("decision-race", BID, AwardMode.RACE, OPERATOR, Optional.empty(), 9_000_000, APP,
                Optional.of(ARBITER), Optional.of(leaseRef), T0, T0.plusSeconds(300), new SourcePosition("fabric.awards", 2, 18));
    }

    static LeaseTerms lease(String createdBy) {
        return new LeaseTerms(createdBy + "#0", BID, OPERATOR, APP, 9_000_000, T0.plusSeconds(60).toEpochMilli(), 3600,
                Optional.of(ARBITER));
    }

    static ChainPosition at(String txId, Instant when) {
        return new ChainPosition(HEAD, txId, 7, 100, when, "l2-" + txId.substring(0, 8));
    }

    static ChainFact.LeaseCreated leaseCreated(String txId, ChainFact.LeaseOrigin origin, Instant when) {
        return new ChainFact.LeaseCreated(lease(txId), origin, at(txId, when));
    }

    static ChainFact.LeaseSpent leaseSpent(String leaseTx, String spendTx, ChainFact.LeaseSpend spend, Instant when) {
        return new ChainFact.LeaseSpent(lease(leaseTx), spend, 9_000_000, false, at(spendTx, when));
    }

    static DeploymentSignal deployment(DeploymentSignal.Status status, String operator, Instant when) {
        return new DeploymentSignal(BID, "deployment-" + status + "-" + when.toEpochMilli(), operator, status,
                status == DeploymentSignal.Status.FAILED ? "ROLLOUT: image pull failed" : "", when);
    }

    static PreparedTx award(int n) {
        return new PreparedTx(txId(n), "84a4" + n, BID);
    }

    static PreparedTx refund(int n, String leaseTx) {
        return new PreparedTx(txId(n), "84a5" + n, leaseTx + "#0");
    }
}
