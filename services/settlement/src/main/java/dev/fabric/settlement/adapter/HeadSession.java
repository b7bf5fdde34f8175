package dev.fabric.settlement.adapter;

import com.bloxbean.cardano.client.api.model.Utxo;
import dev.fabric.plutus.eval.ScriptEvaluator;
import dev.fabric.plutus.eval.SlotTiming;
import dev.fabric.plutus.params.ProtocolParameters;
import dev.fabric.plutus.tx.FabricTransactions;
import dev.fabric.plutus.tx.SigningKey;
import java.util.Map;
import java.util.Objects;

/**
 * Everything needed to build settlement's transactions on one head: the head's own protocol
 * parameters (the script data hash commits to its cost models), the evaluator, builders that read
 * the validators from the published reference scripts, and the arbiter's collateral.
 */
public record HeadSession(SigningKey arbiter, ProtocolParameters parameters, SlotTiming timing, ScriptEvaluator evaluator,
                          FabricTransactions transactions, Utxo collateral, Map<String, Utxo> referenceScripts) {

    public HeadSession {
        Objects.requireNonNull(arbiter, "arbiter");
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(timing, "timing");
        Objects.requireNonNull(evaluator, "evaluator");
        Objects.requireNonNull(transactions, "transactions");
        Objects.requireNonNull(collateral, "collateral");
        referenceScripts = Map.copyOf(referenceScripts);
    }
}
