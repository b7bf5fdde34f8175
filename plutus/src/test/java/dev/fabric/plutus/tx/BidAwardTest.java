package dev.fabric.plutus.tx;

import com.bloxbean.cardano.client.api.model.Utxo;
import com.bloxbean.cardano.client.transaction.spec.TransactionOutput;
import dev.fabric.plutus.datum.BidDatum;
import dev.fabric.plutus.datum.BidRedeemer;
import dev.fabric.plutus.datum.LeaseDatum;
import dev.fabric.plutus.datum.Mode;
import dev.fabric.plutus.datum.OfferDatum;
import dev.fabric.plutus.datum.OfferRedeemer;
import dev.fabric.plutus.datum.Resources;
import dev.fabric.plutus.eval.EvaluationResult;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.fabric.plutus.Grid.*;
import static dev.fabric.plutus.tx.Flows.*;
import static org.junit.jupiter.api.Assertions.*;

/** Bid validator, Award redeemer, together with the Offer validator's Use. */
class BidAwardTest {

    private static final long PRICE = 30 * ADA;
    private static final long FROM = at(100);
    private static final long UNTIL = at(160);

    @Test
    void shouldAwardSignedByTheArbiterAndRunBothScripts() {
        Utxo bid = openBid(auctionBid(), "award-ok");
        Utxo offer = makeOffer(bid, OPERATOR, PRICE, "award-ok-offer");
        EvaluationResult.Success result = assertAccepted(TXS.award(bid, offer, ARBITER, collateral(ARBITER), FROM, UNTIL));
        assertEquals(2, result.budgets().size(), "bid and offer scripts both run");
    }

    @Test
    void shouldAwardSignedByTheAppItself() {
        Utxo bid = openBid(auctionBid(), "award-app");
        Utxo offer = makeOffer(bid, OPERATOR, PRICE, "award-app-offer");
        assertAccepted(TXS.award(bid, offer, APP, collateral(APP), FROM, UNTIL));
    }

    @Test
    void shouldAwardAReputationModeBid() {
        Utxo bid = openBid(bid(new Mode.Reputation(7500, 30_000), Optional.of(ARBITER.keyHash()), List.of()), "award-rep");
        Utxo offer = makeOffer(bid, OPERATOR, PRICE, "award-rep-offer");
        assertAccepted(TXS.award(bid, offer, ARBITER, collateral(ARBITER), FROM, UNTIL));
    }

    @Test
    void shouldWriteTheOffersOperatorAndPriceIntoTheLease() {
        Utxo bid = openBid(auctionBid(), "award-lease");
        Utxo offer = makeOffer(bid, OPERATOR, PRICE, "award-lease-offer");
        SignedTransaction signed = TXS.award(bid, offer, ARBITER, collateral(ARBITER), FROM, UNTIL).complete(EVALUATOR);
        Utxo lease = output(signed, 0);
        assertEquals(new LeaseDatum(ref(bid), APP.keyHash(), OPERATOR.keyHash(), PRICE, UNTIL, 3600,
                Optional.of(ARBITER.keyHash())), LeaseDatum.fromInlineDatumHex(lease.getInlineDatum()));
        assertEquals(PRICE, FabricTransactions.lovelace(lease));
        assertEquals(FabricTransactions.lovelace(offer), FabricTransactions.lovelace(output(signed, 2)),
                "the offer deposit goes back to the operator");
    }

    @Test
    void shouldRejectAnAwardSignedByNeitherArbiterNorApp() {
        Utxo bid = openBid(auctionBid(), "award-signer");
        Utxo offer = makeOffer(bid, OPERATOR, PRICE, "award-signer-offer");
        assertRejected(TXS.award(bid, offer, OPERATOR, collateral(OPERATOR), FROM, UNTIL), "arbiter or app must sign");
    }

    @Test
    void shouldLetOnlyTheAppAwardWhenThereIsNoArbiter() {
        Utxo bid = openBid(bid(new Mode.Auction(60_000), Optional.empty(), List.of()), "award-no-arbiter");
        Utxo offer = makeOffer(bid, OPERATOR, PRICE, "award-no-arbiter-offer");
        assertRejected(TXS.award(bid, offer, ARBITER, collateral(ARBITER), FROM, UNTIL), "arbiter or app must sign");
        assertAccepted(TXS.award(bid, offer, APP, collateral(APP), FROM, UNTIL));
    }

    @Test
    void shouldRejectAnOfferPricedOutsideTheRange() {
        Utxo bid = openBid(auctionBid(), "award-price");
        Utxo cheap = makeOffer(bid, OPERATOR, 10 * ADA - 1, "award-price-low");
        Utxo dear = makeOffer(bid, OPERATOR, 50 * ADA + 1, "award-price-high");
        assertRejected(TXS.award(bid, cheap, ARBITER, collateral(ARBITER), FROM, UNTIL), "price out of range");
        assertRejected(TXS.award(bid, dear, ARBITER, collateral(ARBITER), FROM, UNTIL), "price out of range");
    }

    @Test
    void shouldRejectAnOperatorOutsideTheAllowList() {
        BidDatum restricted = bid(new Mode.Auction(60_000), Optional.of(ARBITER.keyHash()), List.of(OTHER_OPERATOR.keyHash()));
        Utxo bid = openBid(restricted, "award-allow");
        Utxo offer = makeOffer(bid, OPERATOR, PRICE, "award-allow-offer");
        assertRejected(TXS.award(bid, offer, ARBITER, collateral(ARBITER), FROM, UNTIL), "operator not allowed");
    }

    @Test
    void shouldRejectAnOfferForAnotherBid() {
        Utxo bid = openBid(auctionBid(), "award-other");
        Utxo otherBid = openBid(auctionBid(), "award-other-2");
        Utxo offer = makeOffer(otherBid, OPERATOR, PRICE, "award-other-offer");
        // the Offer validator objects too (its bid is not the one awarded): either may be evaluated first
        assertRejected(TXS.award(bid, offer, ARBITER, collateral(ARBITER), FROM, UNTIL),
                "offer for another bid", "bid not awarded to this offer");
    }

    @Test
    void shouldRejectAnOfferBelowTheRequest() {
        Utxo bid = openBid(auctionBid(), "award-small");
        // request: 2000 mCPU, 4096 MiB, 20 GiB, 0 GPUs; each offer falls short on one of them
        Resources[] shortfalls = {
                new Resources(1999, 8192, 50, 0),
                new Resources(4000, 4095, 50, 0),
                new Resources(4000, 8192, 19, 0)
        };
        for (int i = 0; i < shortfalls.length; i++) {
            OfferDatum small = new OfferDatum(ref(bid), OPERATOR.keyHash(), PRICE, shortfalls[i], at(900));
            Utxo offer = makeOffer(small, OPERATOR, "award-small-offer-" + i);
            assertRejected(TXS.award(bid, offer, ARBITER, collateral(ARBITER), FROM, UNTIL), "offer below request");
        }
        BidDatum gpuBid = new BidDatum(APP.keyHash(), new dev.fabric.plutus.datum.Request(2000, 4096, 20, 1, 3600,
                Optional.empty(), WORKLOAD.workloadHash()), 10 * ADA, 50 * ADA, new Mode.Auction(1000), at(600),
                Optional.of(ARBITER.keyHash()), List.of());
        Utxo gpu = openBid(gpuBid, "award-small-gpu");
        Utxo noGpu = makeOffer(gpu, OPERATOR, PRICE, "award-small-gpu-offer");
        assertRejected(TXS.award(gpu, noGpu, ARBITER, collateral(ARBITER), FROM, UNTIL), "offer below request");
    }

    @Test
    void shouldRejectAfterTheDeadline() {
        Utxo bid = openBid(auctionBid(), "award-late");
        Utxo offer = makeOffer(bid, OPERATOR, PRICE, "award-late-offer");
        assertRejected(TXS.award(bid, offer, ARBITER, collateral(ARBITER), FROM, at(601)), "after deadline");
    }

    @Test
    void shouldRejectAnExpiredOffer() {
        Utxo bid = openBid(auctionBid(), "award-expired");
        OfferDatum expiring = new OfferDatum(ref(bid), OPERATOR.keyHash(), PRICE, new Resources(4000, 8192, 50, 0), at(120));
        Utxo offer = makeOffer(expiring, OPERATOR, "award-expired-offer");
        assertRejected(TXS.award(bid, offer, ARBITER, collateral(ARBITER), FROM, UNTIL), "offer expired");
        assertAccepted(TXS.award(bid, offer, ARBITER, collateral(ARBITER), FROM, at(120)));
    }

    @Test
    void shouldRejectAwardOnARaceBid() {
        Utxo bid = openBid(raceBid(), "award-race");
        Utxo offer = makeOffer(bid, OPERATOR, PRICE, "award-race-offer");
        assertRejected(TXS.award(bid, offer, ARBITER, collateral(ARBITER), FROM, UNTIL), "race mode");
    }

    @Test
    void shouldRejectAnOfferThatIsNotAtTheOfferScript() {
        Utxo bid = openBid(auctionBid(), "award-fake");
        OfferDatum datum = offer(ref(bid), OPERATOR, PRICE);
        Utxo fake = funds(OPERATOR, 2 * ADA, "award-fake-offer");
        fake.setInlineDatum(datum.toPlutusData().serializeToHex());
        TransactionDraft.Builder tx = spending(bid, TXS.scripts().bid(),
                new BidRedeemer.Award(ref(fake)).toPlutusData(), "bid.Award")
                .spend(fake).collateral(collateral(ARBITER)).signWith(ARBITER).signWith(OPERATOR);
        paying(window(tx, FROM, UNTIL), honestSettlement(bid, OPERATOR.keyHash(), PRICE, UNTIL));
        tx.pay(keyOutput(OPERATOR, 2 * ADA, null));
        assertRejected(tx.build(), "offer not at offer script");
    }

    @Test
    void shouldRejectAWrongLeaseValue() {
        Utxo bid = openBid(auctionBid(), "award-value");
        Utxo offer = makeOffer(bid, OPERATOR, PRICE, "award-value-offer");
        List<TransactionOutput> outputs = honestSettlement(bid, OPERATOR.keyHash(), PRICE, UNTIL);
        outputs.set(0, leaseOutput(LeaseDatum.fromPlutusData(outputs.get(0).getInlineDatum()), PRICE - ADA));
        outputs.add(keyOutput(ARBITER, ADA, null));
        assertRejected(awardWith(bid, offer, outputs), "first output is not the lease");
    }

    @Test
    void shouldRejectALeaseNamingAnotherOperator() {
        Utxo bid = openBid(auctionBid(), "award-lease-op");
        Utxo offer = makeOffer(bid, OPERATOR, PRICE, "award-lease-op-offer");
        List<TransactionOutput> outputs = honestSettlement(bid, ARBITER.keyHash(), PRICE, UNTIL);
        assertRejected(awardWith(bid, offer, outputs), "first output is not the lease");
    }

    @Test
    void shouldRejectOneOfferUsedForTwoBids() {
        Utxo bidA = openBid(auctionBid(), "double-a");
        Utxo bidB = openBid(auctionBid(), "double-b");
        Utxo offer = makeOffer(bidA, OPERATOR, PRICE, "double-offer");
        TransactionDraft.Builder tx = TransactionDraft.builder(PARAMS)
                .spendScript(bidA, TXS.scripts().bid(), new BidRedeemer.Award(ref(offer)).toPlutusData(), "bid.Award", Optional.empty())
                .spendScript(bidB, TXS.scripts().bid(), new BidRedeemer.Award(ref(offer)).toPlutusData(), "bid.Award", Optional.empty())
                .spendScript(offer, TXS.scripts().offer(), OfferRedeemer.USE.toPlutusData(), "offer.Use", Optional.empty())
                .collateral(collateral(ARBITER)).signWith(ARBITER);
        List<TransactionOutput> outputs = new ArrayList<>(honestSettlement(bidA, OPERATOR.keyHash(), PRICE, UNTIL));
        outputs.addAll(honestSettlement(bidB, OPERATOR.keyHash(), PRICE, UNTIL));
        outputs.add(keyOutput(OPERATOR, FabricTransactions.lovelace(offer), null));
        assertRejected(paying(window(tx, FROM, UNTIL), outputs).build(), "offer for another bid");
    }

    @Test
    void shouldRejectUsingAnOfferWhenItsBidIsCancelled() {
        Utxo bid = openBid(auctionBid(), "use-cancelled");
        Utxo offer = makeOffer(bid, OPERATOR, PRICE, "use-cancelled-offer");
        TransactionDraft.Builder tx = TransactionDraft.builder(PARAMS)
                .spendScript(bid, TXS.scripts().bid(), new BidRedeemer.Cancel().toPlutusData(), "bid.Cancel", Optional.empty())
                .spendScript(offer, TXS.scripts().offer(), OfferRedeemer.USE.toPlutusData(), "offer.Use", Optional.empty())
                .collateral(collateral(APP)).signWith(APP)
                .pay(keyOutput(APP, FabricTransactions.lovelace(bid) + FabricTransactions.lovelace(offer), null));
        assertRejected(tx.build(), "bid not awarded to this offer");
    }

    @Test
    void shouldRejectUsingAnOfferWithoutItsBid() {
        Utxo bid = openBid(auctionBid(), "use-alone");
        Utxo offer = makeOffer(bid, OPERATOR, PRICE, "use-alone-offer");
        TransactionDraft.Builder tx = spending(offer, TXS.scripts().offer(), OfferRedeemer.USE.toPlutusData(), "offer.Use")
                .collateral(collateral(STRANGER)).signWith(STRANGER)
                .pay(keyOutput(STRANGER, FabricTransactions.lovelace(offer), null));
        assertRejected(tx.build(), "bid not awarded to this offer");
    }

    private TransactionDraft awardWith(Utxo bid, Utxo offer, List<TransactionOutput> outputs) {
        TransactionDraft.Builder tx = TransactionDraft.builder(PARAMS)
                .spendScript(bid, TXS.scripts().bid(), new BidRedeemer.Award(ref(offer)).toPlutusData(), "bid.Award", Optional.empty())
                .spendScript(offer, TXS.scripts().offer(), OfferRedeemer.USE.toPlutusData(), "offer.Use", Optional.empty())
                .collateral(collateral(ARBITER)).signWith(ARBITER);
        paying(window(tx, FROM, UNTIL), outputs);
        return tx.pay(keyOutput(OPERATOR, FabricTransactions.lovelace(offer), null)).build();
    }
}
