package dev.fabric.plutus.tx;

import com.bloxbean.cardano.client.api.model.Utxo;
import com.bloxbean.cardano.client.plutus.spec.PlutusData;
import com.bloxbean.cardano.client.transaction.spec.TransactionOutput;
import dev.fabric.plutus.blueprint.FabricScript;
import dev.fabric.plutus.datum.BidDatum;
import dev.fabric.plutus.datum.KeyHash;
import dev.fabric.plutus.datum.LeaseDatum;
import dev.fabric.plutus.datum.OfferDatum;
import dev.fabric.plutus.datum.OutRef;
import dev.fabric.plutus.eval.EvaluationResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.fabric.plutus.Grid.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The honest flows of the grid, built with {@link FabricTransactions}, plus the pieces tests need to
 * assemble dishonest transactions with {@link TransactionDraft.Builder}.
 */
final class Flows {

    private Flows() {
    }

    static Utxo openBid(BidDatum bid, String tag) {
        return output(TXS.openBid(List.of(funds(APP, 100 * ADA, tag)), bid, Optional.of(WORKLOAD), APP)
                .complete(EVALUATOR), 0);
    }

    static Utxo makeOffer(Utxo bid, SigningKey operator, long price, String tag) {
        return makeOffer(offer(ref(bid), operator, price), operator, tag);
    }

    static Utxo makeOffer(OfferDatum offer, SigningKey operator, String tag) {
        return output(TXS.makeOffer(List.of(funds(operator, 10 * ADA, tag)), offer, operator).complete(EVALUATOR), 0);
    }

    /** A lease created by a successful race Accept at 20 ADA, valid until {@code at(70)}. */
    static Utxo acceptedLease(BidDatum bidDatum, String tag) {
        Utxo bid = openBid(bidDatum, tag);
        SignedTransaction accept = TXS.raceAccept(bid, 20 * ADA, OPERATOR, collateral(OPERATOR), at(10), at(70))
                .complete(EVALUATOR);
        return output(accept, 0);
    }

    static TransactionOutput leaseOutput(LeaseDatum lease, long lovelace) {
        return FabricTransactions.output(TXS.scripts().lease().addressBech32(NETWORK), lovelace, lease.toPlutusData());
    }

    static TransactionOutput keyOutput(SigningKey owner, long lovelace, PlutusData inlineDatum) {
        return FabricTransactions.output(owner.address(NETWORK).toBech32(), lovelace, inlineDatum);
    }

    static TransactionOutput keyOutput(KeyHash owner, long lovelace, PlutusData inlineDatum) {
        return FabricTransactions.output(SigningKey.enterpriseAddress(owner, NETWORK).toBech32(), lovelace, inlineDatum);
    }

    /** Lease and app-rest outputs exactly as the Bid validator wants them. */
    static List<TransactionOutput> honestSettlement(Utxo bid, KeyHash operator, long price, long validUntilMs) {
        BidDatum datum = BidDatum.fromInlineDatumHex(bid.getInlineDatum());
        LeaseDatum lease = TXS.leaseFor(ref(bid), datum, operator, price, validUntilMs);
        List<TransactionOutput> outputs = new ArrayList<>();
        outputs.add(leaseOutput(lease, price));
        outputs.add(keyOutput(datum.appPkh(), FabricTransactions.lovelace(bid) - price, ref(bid).toPlutusData()));
        return outputs;
    }

    static TransactionDraft.Builder spending(Utxo utxo, FabricScript script, PlutusData redeemer, String label) {
        return TransactionDraft.builder(PARAMS).spendScript(utxo, script, redeemer, label, Optional.empty());
    }

    static TransactionDraft.Builder window(TransactionDraft.Builder tx, long fromMs, long untilMs) {
        return tx.validFromSlot(TIMING.slotAtOrAfter(fromMs)).validToSlot(TIMING.slotAtOrBefore(untilMs));
    }

    static TransactionDraft.Builder paying(TransactionDraft.Builder tx, List<TransactionOutput> outputs) {
        outputs.forEach(tx::pay);
        return tx;
    }

    static EvaluationResult.Success assertAccepted(TransactionDraft draft) {
        EvaluationResult result = draft.evaluate(EVALUATOR);
        if (result instanceof EvaluationResult.Failure failure) {
            fail("expected the scripts to accept, they reject: " + failure.describe());
        }
        EvaluationResult.Success success = assertInstanceOf(EvaluationResult.Success.class, result);
        assertTrue(success.budgets().size() > 0, "no script ran");
        // a rejected draft must also be impossible to complete, an accepted one must complete
        SignedTransaction signed = draft.complete(EVALUATOR);
        assertEquals(success.budgets().size(), signed.executionUnits().size());
        return success;
    }

    /**
     * The scripts reject the draft, and a validator traced one of {@code reasons} as why (several
     * when two validators of the transaction each reject it and either may be evaluated first).
     */
    static EvaluationResult.Failure assertRejected(TransactionDraft draft, String... reasons) {
        EvaluationResult result = draft.evaluate(EVALUATOR);
        EvaluationResult.Failure failure = assertInstanceOf(EvaluationResult.Failure.class, result,
                "expected the scripts to reject the transaction");
        assertTrue(failure.traces().stream().anyMatch(t -> java.util.Arrays.stream(reasons).anyMatch(t::contains)),
                "expected a trace among " + java.util.Arrays.toString(reasons) + ", got: " + failure.describe());
        return failure;
    }

    /** The scripts reject the draft (for failures a validator cannot trace, such as a missing bound). */
    static EvaluationResult.Failure assertFails(TransactionDraft draft) {
        return assertInstanceOf(EvaluationResult.Failure.class, draft.evaluate(EVALUATOR),
                "expected the scripts to reject the transaction");
    }

    static OutRef refOf(Utxo utxo) {
        return ref(utxo);
    }
}
