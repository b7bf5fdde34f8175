package dev.fabric.plutus.tx;

import com.bloxbean.cardano.client.api.model.Utxo;
import dev.fabric.plutus.eval.EvaluationResult;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static dev.fabric.plutus.Grid.*;
import static org.junit.jupiter.api.Assertions.*;

class RaceSmokeTest {

    @Test
    void shouldAcceptRaceBid() {
        SignedTransaction open = TXS.openBid(List.of(funds(APP, 100 * ADA, "a")), raceBid(), Optional.of(WORKLOAD), APP)
                .complete(EVALUATOR);
        Utxo bid = output(open, 0);
        TransactionDraft accept = TXS.raceAccept(bid, 20 * ADA, OPERATOR, collateral(OPERATOR), at(10), at(70));
        EvaluationResult result = accept.evaluate(EVALUATOR);
        System.err.println(result);
        assertTrue(result.succeeded(), result.toString());
    }
}
