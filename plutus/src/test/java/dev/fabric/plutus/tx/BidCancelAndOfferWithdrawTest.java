package dev.fabric.plutus.tx;

import com.bloxbean.cardano.client.api.model.Utxo;
import dev.fabric.plutus.datum.BidRedeemer;
import dev.fabric.plutus.datum.OfferRedeemer;
import org.junit.jupiter.api.Test;

import static dev.fabric.plutus.Grid.*;
import static dev.fabric.plutus.tx.Flows.*;

/** Bid validator Cancel and Offer validator Withdraw: the owner takes its output back. */
class BidCancelAndOfferWithdrawTest {

    @Test
    void shouldLetTheAppCancelWithoutAnyValidityRange() {
        Utxo bid = openBid(raceBid(), "cancel-ok");
        assertAccepted(TXS.cancel(bid, APP, collateral(APP)));
    }

    @Test
    void shouldLetTheAppCancelAnAuctionBidAfterItsDeadline() {
        Utxo bid = openBid(auctionBid(), "cancel-expired");
        TransactionDraft.Builder tx = spending(bid, TXS.scripts().bid(), new BidRedeemer.Cancel().toPlutusData(), "bid.Cancel")
                .collateral(collateral(APP)).signWith(APP)
                .pay(keyOutput(APP, FabricTransactions.lovelace(bid), null));
        assertAccepted(window(tx, at(700), at(760)).build());
    }

    @Test
    void shouldRejectACancelNotSignedByTheApp() {
        Utxo bid = openBid(raceBid(), "cancel-signer");
        assertRejected(TXS.cancel(bid, OPERATOR, collateral(OPERATOR)), "app must sign");
        assertRejected(TXS.cancel(bid, ARBITER, collateral(ARBITER)), "app must sign");
    }

    @Test
    void shouldLetTheOperatorWithdrawItsOffer() {
        Utxo bid = openBid(auctionBid(), "withdraw-ok");
        Utxo offer = makeOffer(bid, OPERATOR, 20 * ADA, "withdraw-ok-offer");
        assertAccepted(TXS.withdrawOffer(offer, OPERATOR, collateral(OPERATOR)));
    }

    @Test
    void shouldRejectAWithdrawalByAnyoneElse() {
        Utxo bid = openBid(auctionBid(), "withdraw-signer");
        Utxo offer = makeOffer(bid, OPERATOR, 20 * ADA, "withdraw-signer-offer");
        assertRejected(TXS.withdrawOffer(offer, OTHER_OPERATOR, collateral(OTHER_OPERATOR)), "operator must sign");
        TransactionDraft.Builder byApp = spending(offer, TXS.scripts().offer(), OfferRedeemer.WITHDRAW.toPlutusData(), "offer.Withdraw")
                .collateral(collateral(APP)).signWith(APP)
                .pay(keyOutput(APP, FabricTransactions.lovelace(offer), null));
        assertRejected(byApp.build(), "operator must sign");
    }
}
