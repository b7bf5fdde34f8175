package dev.fabric.ingest.domain.tx;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What ingest reads from one confirmed transaction's CBOR.
 *
 * @param valid          the transaction's {@code is_valid} flag: when false the ledger took the collateral
 *                       instead of the inputs, and nothing the scripts guard happened
 * @param inputs         spent inputs in ledger order (sorted), so that {@code spendRedeemers} keys index into it
 * @param spendRedeemers raw Plutus Data of each spend redeemer, by position in {@code inputs}
 * @param workload       the bytes under metadata label 1990 (the workload spec), or empty; a label that is
 *                       present but not a list of byte strings reads as {@link WorkloadBytes.Malformed}
 */
public record ConwayTx(
        String txId,
        boolean valid,
        List<TxInRef> inputs,
        List<TxInRef> referenceInputs,
        List<TxInRef> collateralInputs,
        List<ConwayOutput> outputs,
        Optional<ConwayOutput> collateralReturn,
        List<String> requiredSigners,
        Map<Integer, byte[]> spendRedeemers,
        Optional<WorkloadBytes> workload) {

    /** The workload metadata as carried: the concatenated chunks, or why they could not be read. */
    public sealed interface WorkloadBytes {
        record Present(byte[] json) implements WorkloadBytes {
        }

        record Malformed(String problem) implements WorkloadBytes {
        }
    }

    /** The redeemer data spending {@code input}, if the transaction carries one. */
    public Optional<byte[]> redeemerFor(TxInRef input) {
        int position = java.util.Collections.binarySearch(inputs, input);
        return position < 0 ? Optional.empty() : Optional.ofNullable(spendRedeemers.get(position));
    }

    /** The inputs this transaction consumed: its inputs, or its collateral when it failed phase 2. */
    public List<TxInRef> consumed() {
        return valid ? inputs : collateralInputs;
    }

    /** The outputs this transaction created: its outputs, or only the collateral return when it failed phase 2. */
    public List<ConwayOutput> produced() {
        return valid ? outputs : collateralReturn.map(List::of).orElse(List.of());
    }
}
