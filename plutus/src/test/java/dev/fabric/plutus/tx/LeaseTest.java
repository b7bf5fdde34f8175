package dev.fabric.plutus.tx;

import com.bloxbean.cardano.client.api.model.Utxo;
import dev.fabric.plutus.datum.LeaseDatum;
import dev.fabric.plutus.datum.LeaseRedeemer;
import dev.fabric.plutus.datum.Mode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static dev.fabric.plutus.Grid.*;
import static dev.fabric.plutus.tx.Flows.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Lease validator: Claim (operator is paid) and Refund (app gets the price back). */
class LeaseTest {

    /** acceptedLease(...) starts at at(70) and runs 3600 s. */
    private static final long LEASE_END = at(70 + 3600);

    @Test
    void shouldLetTheOperatorClaimOnceTheLeaseHasRun() {
        Utxo lease = acceptedLease(raceBid(), "claim-ok");
        assertEquals(LEASE_END, LeaseDatum.fromInlineDatumHex(lease.getInlineDatum()).endMs());
        assertAccepted(TXS.claim(lease, OPERATOR, Optional.empty(), collateral(OPERATOR), LEASE_END));
    }

    @Test
    void shouldRejectAClaimBeforeTheEndWithoutTheArbiter() {
        Utxo lease = acceptedLease(raceBid(), "claim-early");
        assertRejected(TXS.claim(lease, OPERATOR, Optional.empty(), collateral(OPERATOR), LEASE_END - 1000),
                "lease still running");
    }

    @Test
    void shouldLetTheArbiterCoSignAnEarlyClaim() {
        Utxo lease = acceptedLease(raceBid(), "claim-arbiter");
        assertAccepted(TXS.claim(lease, OPERATOR, Optional.of(ARBITER), collateral(OPERATOR), at(80)));
    }

    @Test
    void shouldRejectAnEarlyClaimCoSignedBySomeoneElse() {
        Utxo lease = acceptedLease(raceBid(), "claim-fake-arbiter");
        assertRejected(TXS.claim(lease, OPERATOR, Optional.of(STRANGER), collateral(OPERATOR), at(80)),
                "lease still running");
    }

    @Test
    void shouldRejectAnEarlyClaimWhenTheLeaseHasNoArbiter() {
        Utxo lease = acceptedLease(bid(new Mode.Race(), Optional.empty(), List.of()), "claim-no-arbiter");
        assertRejected(TXS.claim(lease, OPERATOR, Optional.of(ARBITER), collateral(OPERATOR), at(80)),
                "lease still running");
    }

    @Test
    void shouldRejectAClaimNotSignedByTheOperator() {
        Utxo lease = acceptedLease(raceBid(), "claim-signer");
        assertRejected(TXS.claim(lease, STRANGER, Optional.of(ARBITER), collateral(STRANGER), LEASE_END),
                "operator must sign");
    }

    @Test
    void shouldRejectAClaimWithoutALowerBound() {
        Utxo lease = acceptedLease(bid(new Mode.Race(), Optional.empty(), List.of()), "claim-unbounded");
        TransactionDraft.Builder tx = spending(lease, TXS.scripts().lease(), LeaseRedeemer.CLAIM.toPlutusData(), "lease.Claim")
                .collateral(collateral(OPERATOR)).signWith(OPERATOR)
                .pay(keyOutput(OPERATOR, FabricTransactions.lovelace(lease), null));
        assertFails(tx.build());
    }

    @Test
    void shouldRefundSignedByTheArbiter() {
        Utxo lease = acceptedLease(raceBid(), "refund-arbiter");
        assertAccepted(TXS.refund(lease, List.of(ARBITER), collateral(ARBITER)));
    }

    @Test
    void shouldRefundSignedByAppAndOperatorTogether() {
        Utxo lease = acceptedLease(raceBid(), "refund-both");
        assertAccepted(TXS.refund(lease, List.of(APP, OPERATOR), collateral(APP)));
    }

    @Test
    void shouldRejectARefundSignedByTheAppAlone() {
        Utxo lease = acceptedLease(raceBid(), "refund-app");
        assertRejected(TXS.refund(lease, List.of(APP), collateral(APP)), "arbiter or app and operator must sign");
        assertRejected(TXS.refund(lease, List.of(OPERATOR), collateral(OPERATOR)), "arbiter or app and operator must sign");
    }

    @Test
    void shouldRejectARefundThatShortChangesTheApp() {
        Utxo lease = acceptedLease(raceBid(), "refund-short");
        long price = FabricTransactions.lovelace(lease);
        TransactionDraft.Builder tx = spending(lease, TXS.scripts().lease(), LeaseRedeemer.REFUND.toPlutusData(), "lease.Refund")
                .collateral(collateral(ARBITER)).signWith(ARBITER)
                .pay(keyOutput(APP, price - 1, ref(lease).toPlutusData()))
                .pay(keyOutput(ARBITER, 1, null));
        assertRejected(tx.build(), "price not refunded to app");
    }

    @Test
    void shouldRejectARefundPaymentTaggedForAnotherLease() {
        Utxo lease = acceptedLease(raceBid(), "refund-tag");
        Utxo other = acceptedLease(raceBid(), "refund-tag-other");
        TransactionDraft.Builder tx = spending(lease, TXS.scripts().lease(), LeaseRedeemer.REFUND.toPlutusData(), "lease.Refund")
                .collateral(collateral(ARBITER)).signWith(ARBITER)
                .pay(keyOutput(APP, FabricTransactions.lovelace(lease), ref(other).toPlutusData()));
        assertRejected(tx.build(), "price not refunded to app");
    }

    @Test
    void shouldRejectOnePaymentCountedForTwoLeases() {
        Utxo first = acceptedLease(raceBid(), "refund-double-1");
        Utxo second = acceptedLease(raceBid(), "refund-double-2");
        long both = FabricTransactions.lovelace(first) + FabricTransactions.lovelace(second);
        TransactionDraft.Builder tx = TransactionDraft.builder(PARAMS)
                .spendScript(first, TXS.scripts().lease(), LeaseRedeemer.REFUND.toPlutusData(), "lease.Refund", Optional.empty())
                .spendScript(second, TXS.scripts().lease(), LeaseRedeemer.REFUND.toPlutusData(), "lease.Refund", Optional.empty())
                .collateral(collateral(ARBITER)).signWith(ARBITER)
                .pay(keyOutput(APP, both, ref(first).toPlutusData()));
        assertRejected(tx.build(), "price not refunded to app");
        // each lease paid by its own tagged output is fine
        TransactionDraft.Builder honest = TransactionDraft.builder(PARAMS)
                .spendScript(first, TXS.scripts().lease(), LeaseRedeemer.REFUND.toPlutusData(), "lease.Refund", Optional.empty())
                .spendScript(second, TXS.scripts().lease(), LeaseRedeemer.REFUND.toPlutusData(), "lease.Refund", Optional.empty())
                .collateral(collateral(ARBITER)).signWith(ARBITER)
                .pay(keyOutput(APP, FabricTransactions.lovelace(first), ref(first).toPlutusData()))
                .pay(keyOutput(APP, FabricTransactions.lovelace(second), ref(second).toPlutusData()));
        assertAccepted(honest.build());
    }
}
