package dev.fabric.plutus.tx;

import com.bloxbean.cardano.client.api.model.Utxo;
import com.bloxbean.cardano.client.transaction.spec.TransactionOutput;
import dev.fabric.plutus.datum.BidDatum;
import dev.fabric.plutus.datum.BidRedeemer;
import dev.fabric.plutus.datum.KeyHash;
import dev.fabric.plutus.datum.LeaseDatum;
import dev.fabric.plutus.datum.Mode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static dev.fabric.plutus.Grid.*;
import static dev.fabric.plutus.tx.Flows.*;
import static org.junit.jupiter.api.Assertions.*;

/** Bid validator, Accept redeemer (race mode). */
class BidAcceptTest {

    private static final long PRICE = 20 * ADA;
    private static final long FROM = at(10);
    private static final long UNTIL = at(70);

    private TransactionDraft accept(Utxo bid, KeyHash redeemerOperator, long price, SigningKey signer,
                                    long from, long until, List<TransactionOutput> outputs) {
        TransactionDraft.Builder tx = spending(bid, TXS.scripts().bid(),
                new BidRedeemer.Accept(redeemerOperator, price).toPlutusData(), "bid.Accept")
                .collateral(collateral(signer))
                .signWith(signer);
        return paying(window(tx, from, until), outputs).build();
    }

    @Test
    void shouldAcceptAtAnyPriceInRangeSignedByTheOperator() {
        Utxo bid = openBid(raceBid(), "accept-ok");
        for (long price : new long[]{10 * ADA, PRICE, 50 * ADA}) {
            assertAccepted(TXS.raceAccept(bid, price, OPERATOR, collateral(OPERATOR), FROM, UNTIL));
        }
    }

    @Test
    void shouldCreateTheLeaseTheBidImplies() {
        Utxo bid = openBid(raceBid(), "accept-lease");
        SignedTransaction signed = TXS.raceAccept(bid, PRICE, OPERATOR, collateral(OPERATOR), FROM, UNTIL)
                .complete(EVALUATOR);
        Utxo lease = output(signed, 0);
        LeaseDatum datum = LeaseDatum.fromInlineDatumHex(lease.getInlineDatum());
        assertEquals(new LeaseDatum(ref(bid), APP.keyHash(), OPERATOR.keyHash(), PRICE, UNTIL, 3600,
                Optional.of(ARBITER.keyHash())), datum);
        assertEquals(PRICE, FabricTransactions.lovelace(lease));
        assertEquals(TXS.scripts().lease().addressBech32(NETWORK), lease.getAddress());
        Utxo rest = output(signed, 1);
        assertEquals(FabricTransactions.lovelace(bid) - PRICE, FabricTransactions.lovelace(rest));
    }

    @Test
    void shouldRejectWhenTheOperatorDidNotSign() {
        Utxo bid = openBid(raceBid(), "accept-signer");
        assertRejected(accept(bid, OPERATOR.keyHash(), PRICE, STRANGER, FROM, UNTIL,
                honestSettlement(bid, OPERATOR.keyHash(), PRICE, UNTIL)), "operator must sign");
    }

    @Test
    void shouldRejectAPriceBelowTheMinimum() {
        Utxo bid = openBid(raceBid(), "accept-low");
        assertRejected(TXS.raceAccept(bid, 10 * ADA - 1, OPERATOR, collateral(OPERATOR), FROM, UNTIL),
                "price out of range");
    }

    @Test
    void shouldRejectAPriceAboveTheMaximum() {
        Utxo bid = openBid(raceBid(), "accept-high");
        assertRejected(TXS.raceAccept(bid, 50 * ADA + 1, OPERATOR, collateral(OPERATOR), FROM, UNTIL),
                "price out of range");
    }

    @Test
    void shouldRejectAnOperatorOutsideTheAllowList() {
        BidDatum restricted = bid(new Mode.Race(), Optional.of(ARBITER.keyHash()), List.of(OTHER_OPERATOR.keyHash()));
        Utxo bid = openBid(restricted, "accept-not-allowed");
        assertRejected(TXS.raceAccept(bid, PRICE, OPERATOR, collateral(OPERATOR), FROM, UNTIL), "operator not allowed");
        assertAccepted(TXS.raceAccept(bid, PRICE, OTHER_OPERATOR, collateral(OTHER_OPERATOR), FROM, UNTIL));
    }

    @Test
    void shouldRejectAValidityRangeEndingAfterTheDeadline() {
        Utxo bid = openBid(raceBid(), "accept-late");
        long deadline = raceBid().deadlineMs();
        assertAccepted(TXS.raceAccept(bid, PRICE, OPERATOR, collateral(OPERATOR), FROM, deadline));
        assertRejected(TXS.raceAccept(bid, PRICE, OPERATOR, collateral(OPERATOR), FROM, deadline + 1000),
                "after deadline");
    }

    @Test
    void shouldRejectAnOpenEndedValidityRange() {
        Utxo bid = openBid(raceBid(), "accept-open");
        TransactionDraft.Builder tx = spending(bid, TXS.scripts().bid(),
                new BidRedeemer.Accept(OPERATOR.keyHash(), PRICE).toPlutusData(), "bid.Accept")
                .collateral(collateral(OPERATOR)).signWith(OPERATOR)
                .validFromSlot(TIMING.slotAtOrAfter(FROM));
        assertFails(paying(tx, honestSettlement(bid, OPERATOR.keyHash(), PRICE, UNTIL)).build());
    }

    @Test
    void shouldRejectAcceptOnAnAuctionBid() {
        Utxo bid = openBid(auctionBid(), "accept-auction");
        assertRejected(TXS.raceAccept(bid, PRICE, OPERATOR, collateral(OPERATOR), FROM, UNTIL), "not race mode");
    }

    @Test
    void shouldRejectALeaseWithAnotherPriceInItsDatum() {
        Utxo bid = openBid(raceBid(), "accept-datum-price");
        List<TransactionOutput> outputs = honestSettlement(bid, OPERATOR.keyHash(), PRICE, UNTIL);
        LeaseDatum honest = LeaseDatum.fromPlutusData(outputs.get(0).getInlineDatum());
        outputs.set(0, leaseOutput(new LeaseDatum(honest.bidRef(), honest.appPkh(), honest.operatorPkh(),
                PRICE + ADA, honest.startMs(), honest.durationSeconds(), honest.arbiter()), PRICE));
        assertRejected(accept(bid, OPERATOR.keyHash(), PRICE, OPERATOR, FROM, UNTIL, outputs), "first output is not the lease");
    }

    @Test
    void shouldRejectALeaseStartingBeforeTheRangeEnds() {
        Utxo bid = openBid(raceBid(), "accept-datum-start");
        List<TransactionOutput> outputs = honestSettlement(bid, OPERATOR.keyHash(), PRICE, UNTIL);
        LeaseDatum honest = LeaseDatum.fromPlutusData(outputs.get(0).getInlineDatum());
        outputs.set(0, leaseOutput(new LeaseDatum(honest.bidRef(), honest.appPkh(), honest.operatorPkh(),
                honest.price(), FROM, honest.durationSeconds(), honest.arbiter()), PRICE));
        assertRejected(accept(bid, OPERATOR.keyHash(), PRICE, OPERATOR, FROM, UNTIL, outputs), "first output is not the lease");
    }

    @Test
    void shouldRejectALeaseWithoutTheArbiter() {
        Utxo bid = openBid(raceBid(), "accept-datum-arbiter");
        List<TransactionOutput> outputs = honestSettlement(bid, OPERATOR.keyHash(), PRICE, UNTIL);
        LeaseDatum honest = LeaseDatum.fromPlutusData(outputs.get(0).getInlineDatum());
        outputs.set(0, leaseOutput(new LeaseDatum(honest.bidRef(), honest.appPkh(), honest.operatorPkh(),
                honest.price(), honest.startMs(), honest.durationSeconds(), Optional.empty()), PRICE));
        assertRejected(accept(bid, OPERATOR.keyHash(), PRICE, OPERATOR, FROM, UNTIL, outputs), "first output is not the lease");
    }

    @Test
    void shouldRejectALeaseHoldingLessThanThePrice() {
        Utxo bid = openBid(raceBid(), "accept-value");
        List<TransactionOutput> outputs = honestSettlement(bid, OPERATOR.keyHash(), PRICE, UNTIL);
        LeaseDatum honest = LeaseDatum.fromPlutusData(outputs.get(0).getInlineDatum());
        outputs.set(0, leaseOutput(honest, PRICE - 1));
        outputs.add(keyOutput(OPERATOR, 1, null));
        assertRejected(accept(bid, OPERATOR.keyHash(), PRICE, OPERATOR, FROM, UNTIL, outputs), "first output is not the lease");
    }

    @Test
    void shouldRejectWhenTheRestIsNotReturnedToTheApp() {
        Utxo bid = openBid(raceBid(), "accept-rest");
        List<TransactionOutput> outputs = honestSettlement(bid, OPERATOR.keyHash(), PRICE, UNTIL);
        long rest = FabricTransactions.lovelace(bid) - PRICE;
        outputs.set(1, keyOutput(APP.keyHash(), rest - ADA, ref(bid).toPlutusData()));
        outputs.add(keyOutput(OPERATOR, ADA, null));
        assertRejected(accept(bid, OPERATOR.keyHash(), PRICE, OPERATOR, FROM, UNTIL, outputs), "rest not returned to app");
    }

    @Test
    void shouldRejectAnUntaggedReturnToTheApp() {
        Utxo bid = openBid(raceBid(), "accept-untagged");
        List<TransactionOutput> outputs = honestSettlement(bid, OPERATOR.keyHash(), PRICE, UNTIL);
        outputs.set(1, keyOutput(APP.keyHash(), FabricTransactions.lovelace(bid) - PRICE, null));
        assertRejected(accept(bid, OPERATOR.keyHash(), PRICE, OPERATOR, FROM, UNTIL, outputs), "rest not returned to app");
    }
}
