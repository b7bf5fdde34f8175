package dev.fabric.plutus.eval;

import com.bloxbean.cardano.client.api.model.Utxo;
import dev.fabric.plutus.tx.TransactionDraft;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static dev.fabric.plutus.Grid.*;
import static org.junit.jupiter.api.Assertions.*;

class ScriptEvaluatorTest {

    @Test
    void shouldConvertBetweenSlotsAndPosixTime() {
        SlotTiming timing = SlotTiming.devnet(1_000_000);
        assertEquals(1_000_000, timing.startOf(0));
        assertEquals(1_005_000, timing.startOf(5));
        assertEquals(5, timing.slotAtOrBefore(1_005_999));
        assertEquals(6, timing.slotAtOrAfter(1_005_001));
        assertEquals(5, timing.slotAtOrAfter(1_005_000));
        assertThrows(IllegalArgumentException.class, () -> new SlotTiming(0, 0, 0));
    }

    @Test
    void shouldReportInputsItCannotResolve() {
        Utxo bid = output(TXS.openBid(List.of(funds(APP, 100 * ADA, "eval-missing")), raceBid(), Optional.of(WORKLOAD), APP)
                .complete(EVALUATOR), 0);
        TransactionDraft accept = TXS.raceAccept(bid, 20 * ADA, OPERATOR, collateral(OPERATOR), at(10), at(70));
        EvaluationResult result = EVALUATOR.evaluate(accept.unsignedCbor(), List.of(collateral(OPERATOR)));
        assertInstanceOf(EvaluationResult.Failure.class, result);
        assertTrue(EVALUATOR.evaluate(accept.unsignedCbor(), accept.resolvedInputs()).succeeded());
    }

    @Test
    void shouldReportBytesThatAreNotATransaction() {
        EvaluationResult result = EVALUATOR.evaluate(new byte[]{1, 2, 3}, List.of());
        EvaluationResult.Failure failure = assertInstanceOf(EvaluationResult.Failure.class, result);
        assertTrue(failure.error().contains("not valid CBOR"), failure.error());
    }

    @Test
    void shouldUseTheHeadsSlotTimingForValidityRanges() {
        Utxo bid = output(TXS.openBid(List.of(funds(APP, 100 * ADA, "eval-timing")), raceBid(), Optional.of(WORKLOAD), APP)
                .complete(EVALUATOR), 0);
        TransactionDraft accept = TXS.raceAccept(bid, 20 * ADA, OPERATOR, collateral(OPERATOR), at(10), at(600));
        assertTrue(accept.evaluate(EVALUATOR).succeeded());
        // a head whose slot 0 is an hour later puts the same slots past the bid's deadline
        ScriptEvaluator laterHead = new ScriptEvaluator(PARAMS, SlotTiming.devnet(ZERO_TIME_MS + 3_600_000));
        EvaluationResult.Failure failure = assertInstanceOf(EvaluationResult.Failure.class, accept.evaluate(laterHead));
        assertTrue(failure.traces().contains("after deadline"), failure.describe());
    }
}
