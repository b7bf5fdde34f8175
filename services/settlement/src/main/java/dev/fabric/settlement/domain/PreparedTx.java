package dev.fabric.settlement.domain;

import java.util.Objects;

/**
 * A built, evaluated and signed transaction, kept byte for byte so every retry submits exactly
 * the same transaction (same id) instead of building a new one.
 *
 * @param spends the input whose presence in the head's confirmed UTxO means "not settled yet"
 *               (the bid for an Award, the lease for a Refund)
 */
public record PreparedTx(String txId, String cborHex, String spends) {

    public PreparedTx {
        Objects.requireNonNull(txId, "txId");
        Objects.requireNonNull(cborHex, "cborHex");
        Objects.requireNonNull(spends, "spends");
    }

    @Override
    public String toString() {
        return "PreparedTx[" + txId + " spends " + spends + "]";
    }
}
