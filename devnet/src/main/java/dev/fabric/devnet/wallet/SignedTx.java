package dev.fabric.devnet.wallet;

import dev.fabric.hydra.api.Transaction;
import dev.fabric.hydra.api.TxIn;
import java.util.HexFormat;

/** A signed transaction ready to submit: its bytes and its id (blake2b-256 of the body as serialised). */
public record SignedTx(byte[] cbor, String txId) {

    public String cborHex() {
        return HexFormat.of().formatHex(cbor);
    }

    /** hydra-node's text envelope. */
    public Transaction envelope() {
        return Transaction.conway(cborHex(), txId);
    }

    public TxIn output(int index) {
        return new TxIn(txId, index);
    }
}
