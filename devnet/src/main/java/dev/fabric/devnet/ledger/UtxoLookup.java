package dev.fabric.devnet.ledger;

import dev.fabric.hydra.api.TxIn;

/** Read access to a UTxO set, all the ledger rules need. */
@FunctionalInterface
public interface UtxoLookup {

    /** The unspent output at {@code in}, or null. */
    LedgerOutput find(TxIn in);
}
