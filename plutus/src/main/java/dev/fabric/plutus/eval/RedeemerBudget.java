package dev.fabric.plutus.eval;

import com.bloxbean.cardano.client.plutus.spec.RedeemerTag;

/** Execution units one redeemer's script used. */
public record RedeemerBudget(RedeemerTag tag, int index, long memory, long steps) {
}
