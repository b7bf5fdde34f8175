package dev.fabric.plutus.tx;

import com.bloxbean.cardano.client.util.HexUtil;

import java.util.List;

/**
 * A complete, signed transaction ready for hydra-node's {@code NewTx}: its CBOR, its id and the
 * execution units each redeemer was given.
 */
public record SignedTransaction(byte[] cbor, String txId, List<ExecutionUnits> executionUnits) {

    /** Units declared for one redeemer (evaluated cost plus the safety margin). */
    public record ExecutionUnits(String redeemer, long memory, long steps) {
    }

    public SignedTransaction {
        cbor = cbor.clone();
        executionUnits = List.copyOf(executionUnits);
    }

    @Override
    public byte[] cbor() {
        return cbor.clone();
    }

    public String cborHex() {
        return HexUtil.encodeHexString(cbor);
    }

    public int sizeBytes() {
        return cbor.length;
    }
}
