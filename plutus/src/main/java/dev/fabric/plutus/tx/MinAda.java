package dev.fabric.plutus.tx;

import com.bloxbean.cardano.client.exception.CborSerializationException;
import com.bloxbean.cardano.client.transaction.spec.TransactionOutput;
import com.bloxbean.cardano.client.transaction.spec.Value;
import com.bloxbean.cardano.client.common.cbor.CborSerializationUtil;

import java.math.BigInteger;

/** The ledger's minimum lovelace of an output (Babbage rule: (160 + output size) * utxoCostPerByte). */
public final class MinAda {

    private static final int OUTPUT_OVERHEAD_BYTES = 160;

    private MinAda() {
    }

    /** Minimum lovelace for {@code output}, whatever lovelace it currently holds. */
    public static long of(TransactionOutput output, long utxoCostPerByte) {
        // The amount is part of the output's size, so iterate until it holds itself.
        long coin = 0;
        for (int i = 0; i < 4; i++) {
            long required = Math.multiplyExact(OUTPUT_OVERHEAD_BYTES + size(output, coin), utxoCostPerByte);
            if (required <= coin) {
                return required;
            }
            coin = required;
        }
        return coin;
    }

    private static int size(TransactionOutput output, long coin) {
        TransactionOutput probe = TransactionOutput.builder()
                .address(output.getAddress())
                .value(Value.builder().coin(BigInteger.valueOf(coin)).multiAssets(output.getValue().getMultiAssets()).build())
                .datumHash(output.getDatumHash())
                .inlineDatum(output.getInlineDatum())
                .scriptRef(output.getScriptRef())
                .build();
        try {
            return CborSerializationUtil.serialize(probe.serialize()).length;
        } catch (CborSerializationException | com.bloxbean.cardano.client.exception.AddressExcepion | co.nstant.in.cbor.CborException e) {
            throw new IllegalArgumentException("output cannot be serialized: " + e.getMessage(), e);
        }
    }
}
