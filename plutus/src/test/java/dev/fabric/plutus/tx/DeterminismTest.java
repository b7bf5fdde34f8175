package dev.fabric.plutus.tx;

import com.bloxbean.cardano.client.api.model.Utxo;
import com.bloxbean.cardano.client.transaction.spec.Transaction;
import com.bloxbean.cardano.client.util.HexUtil;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static dev.fabric.plutus.Grid.*;
import static dev.fabric.plutus.tx.Flows.*;
import static org.junit.jupiter.api.Assertions.*;

/** Same inputs, same bytes: services resubmit after a crash and rely on the same txId. */
class DeterminismTest {

    @Test
    void shouldBuildTheSameTransactionTwice() {
        Utxo bid = openBid(auctionBid(), "det");
        Utxo offer = makeOffer(bid, OPERATOR, 25 * ADA, "det-offer");
        SignedTransaction first = TXS.award(bid, offer, ARBITER, collateral(ARBITER), at(100), at(160)).complete(EVALUATOR);
        SignedTransaction second = TXS.award(bid, offer, ARBITER, collateral(ARBITER), at(100), at(160)).complete(EVALUATOR);
        assertArrayEquals(first.cbor(), second.cbor());
        assertEquals(first.txId(), second.txId());
        SignedTransaction open1 = TXS.openBid(List.of(funds(APP, 100 * ADA, "d1"), funds(APP, 7 * ADA, "d2")),
                raceBid(), Optional.of(WORKLOAD), APP).complete(EVALUATOR);
        SignedTransaction open2 = TXS.openBid(List.of(funds(APP, 7 * ADA, "d2"), funds(APP, 100 * ADA, "d1")),
                raceBid(), Optional.of(WORKLOAD), APP).complete(EVALUATOR);
        assertEquals(open1.txId(), open2.txId(), "input order given by the caller does not matter");
    }

    @Test
    void shouldDeclareEvaluatedUnitsWithMarginCollateralAndZeroFee() throws Exception {
        Utxo bid = openBid(raceBid(), "det-units");
        TransactionDraft draft = TXS.raceAccept(bid, 20 * ADA, OPERATOR, collateral(OPERATOR), at(10), at(70));
        var evaluated = ((dev.fabric.plutus.eval.EvaluationResult.Success) draft.evaluate(EVALUATOR)).budgets().get(0);
        SignedTransaction signed = draft.complete(EVALUATOR);
        SignedTransaction.ExecutionUnits declared = signed.executionUnits().get(0);
        assertEquals("bid.Accept", declared.redeemer());
        assertEquals(evaluated.memory() * 120 / 100, declared.memory());
        assertEquals(evaluated.steps() * 120 / 100, declared.steps());
        Transaction tx = Transaction.deserialize(signed.cbor());
        assertEquals(0, tx.getBody().getFee().signum());
        assertEquals(1, tx.getBody().getCollateral().size());
        assertEquals(1, tx.getWitnessSet().getVkeyWitnesses().size());
        assertEquals(OPERATOR.keyHash().hex(), HexUtil.encodeHexString(tx.getBody().getRequiredSigners().get(0)));
        assertNotNull(tx.getBody().getScriptDataHash());
        assertTrue(EVALUATOR.evaluate(signed.cbor(), draft.resolvedInputs()).succeeded(), "the signed bytes still validate");
    }

    @Test
    void shouldRefuseToCompleteADraftTheScriptsReject() {
        Utxo bid = openBid(raceBid(), "det-reject");
        TransactionDraft draft = TXS.raceAccept(bid, 60 * ADA, OPERATOR, collateral(OPERATOR), at(10), at(70));
        ScriptRejectedException e = assertThrows(ScriptRejectedException.class, () -> draft.complete(EVALUATOR));
        assertTrue(e.getMessage().contains("price out of range"), e.getMessage());
    }

    @Test
    void shouldWorkWithReferenceScripts() {
        SignedTransaction published = TXS.publishReferenceScripts(List.of(funds(ARBITER, 200 * ADA, "det-refs")), ARBITER)
                .complete(EVALUATOR);
        java.util.Map<String, Utxo> refs = new java.util.HashMap<>();
        for (int i = 0; i < 3; i++) {
            refs.put(output(published, i).getReferenceScriptHash(), output(published, i));
        }
        FabricTransactions referenced = TXS.withReferenceScripts(refs);
        Utxo bid = openBid(raceBid(), "det-ref-bid");
        TransactionDraft inline = TXS.raceAccept(bid, 20 * ADA, OPERATOR, collateral(OPERATOR), at(10), at(70));
        TransactionDraft viaRef = referenced.raceAccept(bid, 20 * ADA, OPERATOR, collateral(OPERATOR), at(10), at(70));
        SignedTransaction small = viaRef.complete(EVALUATOR);
        assertTrue(small.sizeBytes() < inline.complete(EVALUATOR).sizeBytes() / 3);
        assertRejected(referenced.raceAccept(bid, 5 * ADA, OPERATOR, collateral(OPERATOR), at(10), at(70)), "price out of range");
    }
}
