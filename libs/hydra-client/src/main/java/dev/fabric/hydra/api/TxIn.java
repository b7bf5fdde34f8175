package dev.fabric.hydra.api;

import java.util.Objects;
import java.util.regex.Pattern;

/** A transaction output reference, written {@code <64 hex txId>#<index>} on the wire. */
public record TxIn(String txId, long index) implements Comparable<TxIn> {

    private static final Pattern TX_ID = Pattern.compile("[0-9a-f]{64}");

    public TxIn {
        Objects.requireNonNull(txId, "txId");
        if (!TX_ID.matcher(txId).matches()) {
            throw new IllegalArgumentException("txId must be 64 lower-case hex characters: " + txId);
        }
        if (index < 0) {
            throw new IllegalArgumentException("index must not be negative: " + index);
        }
    }

    /** @throws IllegalArgumentException if the text is not {@code txId#index} */
    public static TxIn parse(String text) {
        int hash = text.indexOf('#');
        if (hash < 0) {
            throw new IllegalArgumentException("TxIn must be txId#index: " + text);
        }
        try {
            return new TxIn(text.substring(0, hash), Long.parseLong(text.substring(hash + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("TxIn index is not a number: " + text, e);
        }
    }

    /** Orders as the node does: by transaction id, then by index. */
    @Override
    public int compareTo(TxIn other) {
        int byId = txId.compareTo(other.txId);
        return byId != 0 ? byId : Long.compare(index, other.index);
    }

    @Override
    public String toString() {
        return txId + "#" + index;
    }
}
