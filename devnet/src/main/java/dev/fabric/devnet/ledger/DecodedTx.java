package dev.fabric.devnet.ledger;

import com.bloxbean.cardano.client.transaction.spec.Transaction;
import dev.fabric.hydra.api.TxIn;
import java.util.List;
import java.util.Set;

/**
 * A Conway transaction as submitted, decoded once, with everything the ledger checks that does not
 * depend on the UTxO already worked out (so it can run off the head's thread).
 *
 * @param txId             blake2b-256 of the body bytes exactly as sent
 * @param cbor             the whole transaction as sent
 * @param transaction      cardano-client-lib's decoding
 * @param inputs           spent inputs, in the order of the body
 * @param outputBytes      each output's bytes as sent (min-ADA and the stored UTxO use them)
 * @param invalidBefore    validity start slot (inclusive), null when absent
 * @param invalidHereafter TTL slot (exclusive), null when absent
 * @param redeemersBytes   the witness set's redeemers as sent, null when absent
 * @param datumsBytes      the witness set's datums as sent, null when absent
 * @param signers          key hashes (hex) of the vkey witnesses whose signature over the body verifies
 * @param badWitnesses     vkeys (hex) whose signature does not verify
 */
public record DecodedTx(
        String txId,
        byte[] cbor,
        Transaction transaction,
        List<TxIn> inputs,
        List<TxIn> collateral,
        List<TxIn> referenceInputs,
        List<byte[]> outputBytes,
        Long invalidBefore,
        Long invalidHereafter,
        byte[] redeemersBytes,
        byte[] datumsBytes,
        Set<String> signers,
        List<String> badWitnesses) {

    public int size() {
        return cbor.length;
    }

    public boolean isValidFlag() {
        return transaction.isValid();
    }
}
