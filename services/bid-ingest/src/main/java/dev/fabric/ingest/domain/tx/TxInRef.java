package dev.fabric.ingest.domain.tx;

/**
 * A transaction input reference in the {@code txId#index} form every event uses. Ordered as the
 * ledger orders inputs (transaction id bytes, then index): redeemer pointers index into that order.
 */
public record TxInRef(String txId, int index) implements Comparable<TxInRef> {

    @Override
    public int compareTo(TxInRef other) {
        int byId = txId.compareTo(other.txId);
        return byId != 0 ? byId : Integer.compare(index, other.index);
    }

    @Override
    public String toString() {
        return txId + "#" + index;
    }
}
