package dev.fabric.settlement.domain;

/**
 * What the head's confirmed UTxO ({@code GET /snapshot/utxo}) says about a transaction that was
 * submitted but not (yet) seen confirmed. A {@code BadInputsUTxO} rejection is only ever judged
 * after this check, since it may simply mean the transaction is already in.
 */
public enum HeadCheck {
    /** An output of the transaction is in the confirmed UTxO: it is confirmed, the record is on its way. */
    CONFIRMED,
    /** The input it spends is still unspent in the confirmed UTxO: it (or a rival) is pending on the node. */
    PENDING,
    /** The input is gone and no output of the transaction is there: something else spent it. */
    SPENT_ELSEWHERE
}
