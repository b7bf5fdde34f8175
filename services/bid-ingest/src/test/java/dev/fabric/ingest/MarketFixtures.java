package dev.fabric.ingest;

import static dev.fabric.plutus.Grid.ADA;
import static dev.fabric.plutus.Grid.APP;
import static dev.fabric.plutus.Grid.ARBITER;
import static dev.fabric.plutus.Grid.EVALUATOR;
import static dev.fabric.plutus.Grid.NETWORK;
import static dev.fabric.plutus.Grid.PARAMS;
import static dev.fabric.plutus.Grid.TXS;
import static dev.fabric.plutus.Grid.WORKLOAD;
import static dev.fabric.plutus.Grid.at;
import static dev.fabric.plutus.Grid.collateral;
import static dev.fabric.plutus.Grid.funds;
import static dev.fabric.plutus.Grid.offer;
import static dev.fabric.plutus.Grid.ref;

import com.bloxbean.cardano.client.api.model.Utxo;
import com.bloxbean.cardano.client.plutus.spec.BytesPlutusData;
import com.bloxbean.cardano.client.plutus.spec.PlutusData;
import com.bloxbean.cardano.client.transaction.spec.TransactionOutput;
import com.bloxbean.cardano.client.transaction.spec.Value;
import dev.fabric.plutus.datum.BidDatum;
import dev.fabric.plutus.datum.OfferDatum;
import dev.fabric.plutus.tx.SignedTransaction;
import dev.fabric.plutus.tx.SigningKey;
import dev.fabric.plutus.tx.TransactionDraft;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * Real Fabric transactions for tests and the benchmark, completed (scripts evaluated in the JVM) and
 * signed: plutus's test {@link dev.fabric.plutus.Grid} gives the keys, timing, datums and inputs,
 * this adds the finished market transactions and the malformed ones only ingest's tests need.
 */
public final class MarketFixtures {

    /** The address network id of {@link dev.fabric.plutus.Grid#NETWORK} (testnet). */
    public static final int NETWORK_ID = 0;

    private MarketFixtures() {
    }

    public static SignedTransaction openBid(BidDatum bid, String tag) {
        return TXS.openBid(List.of(funds(APP, 100 * ADA, tag)), bid, Optional.of(WORKLOAD), APP).complete(EVALUATOR);
    }

    public static SignedTransaction makeOffer(Utxo bid, SigningKey operator, long price, String tag) {
        return TXS.makeOffer(List.of(funds(operator, 10 * ADA, tag)), offer(ref(bid), operator, price), operator)
                .complete(EVALUATOR);
    }

    public static SignedTransaction raceAccept(Utxo bid, SigningKey operator, long price) {
        return TXS.raceAccept(bid, price, operator, collateral(operator), at(10), at(70)).complete(EVALUATOR);
    }

    public static SignedTransaction award(Utxo bid, Utxo offer) {
        return TXS.award(bid, offer, ARBITER, collateral(ARBITER), at(10), at(70)).complete(EVALUATOR);
    }

    public static SignedTransaction cancel(Utxo bid) {
        return TXS.cancel(bid, APP, collateral(APP)).complete(EVALUATOR);
    }

    public static SignedTransaction withdraw(Utxo offer, SigningKey operator) {
        return TXS.withdrawOffer(offer, operator, collateral(operator)).complete(EVALUATOR);
    }

    /** Pays an offer datum naming {@code claimed} to the Offer script, signed only by {@code signer}. */
    public static SignedTransaction fakeOffer(Utxo bid, SigningKey claimed, SigningKey signer, String tag) {
        OfferDatum datum = offer(ref(bid), claimed, 20 * ADA);
        TransactionOutput out = output(TXS.scripts().offer().addressBech32(NETWORK), 5 * ADA, datum.toPlutusData());
        return TransactionDraft.builder(PARAMS)
                .spend(funds(signer, 5 * ADA, tag))
                .pay(out)
                .signWith(signer)
                .build()
                .complete(EVALUATOR);
    }

    /** Pays to the Bid script with an inline datum that is not a BidDatum. */
    public static SignedTransaction bidWithGarbageDatum(String tag) {
        PlutusData garbage = BytesPlutusData.of("not a bid");
        return TransactionDraft.builder(PARAMS)
                .spend(funds(APP, 20 * ADA, tag))
                .pay(output(TXS.scripts().bid().addressBech32(NETWORK), 20 * ADA, garbage))
                .signWith(APP)
                .build()
                .complete(EVALUATOR);
    }

    public static TransactionOutput output(String address, long lovelace, PlutusData inlineDatum) {
        return TransactionOutput.builder()
                .address(address)
                .value(Value.builder().coin(BigInteger.valueOf(lovelace)).build())
                .inlineDatum(inlineDatum)
                .build();
    }
}
