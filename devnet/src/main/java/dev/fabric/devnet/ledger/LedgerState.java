package dev.fabric.devnet.ledger;

import dev.fabric.hydra.api.TxIn;
import dev.fabric.hydra.api.TxOut;
import dev.fabric.hydra.api.Utxo;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A UTxO set the head applies transactions to. Mutable for speed (a head applies thousands of
 * transactions a second to sets of any size), so each instance is owned by one thread: the head's.
 * {@link #copy()} hands a set to another owner.
 */
public final class LedgerState implements UtxoLookup {

    private final HashMap<TxIn, LedgerOutput> outputs;

    public LedgerState() {
        this.outputs = new HashMap<>();
    }

    private LedgerState(HashMap<TxIn, LedgerOutput> outputs) {
        this.outputs = outputs;
    }

    public static LedgerState of(Map<TxIn, LedgerOutput> outputs) {
        return new LedgerState(new HashMap<>(outputs));
    }

    @Override
    public LedgerOutput find(TxIn in) {
        return outputs.get(in);
    }

    public boolean contains(TxIn in) {
        return outputs.containsKey(in);
    }

    public int size() {
        return outputs.size();
    }

    /** Spends the consumed outputs and adds the produced ones; the verdict must be against this set. */
    public void apply(TxVerdict.Valid valid) {
        for (TxIn in : valid.consumed()) {
            if (outputs.remove(in) == null) {
                throw new IllegalStateException("applying " + valid.tx().txId() + " spends " + in + ", which is not in this UTxO set");
            }
        }
        outputs.putAll(valid.produced());
    }

    /** Adds deposited outputs (a commit); none of them may exist already. */
    public void add(Map<TxIn, LedgerOutput> deposited) {
        for (TxIn in : deposited.keySet()) {
            if (outputs.containsKey(in)) {
                throw new IllegalStateException(in + " is already in the UTxO set");
            }
        }
        outputs.putAll(deposited);
    }

    public void remove(Iterable<TxIn> ins) {
        for (TxIn in : ins) {
            outputs.remove(in);
        }
    }

    public LedgerState copy() {
        return new LedgerState(new HashMap<>(outputs));
    }

    public Map<TxIn, LedgerOutput> entries() {
        return java.util.Collections.unmodifiableMap(outputs);
    }

    /** hydra-node's JSON form, sorted by {@link TxIn} as the node sends it. */
    public Utxo toUtxo() {
        Map<TxIn, TxOut> sorted = new LinkedHashMap<>();
        new TreeMap<>(outputs).forEach((in, out) -> sorted.put(in, out.rendered()));
        return new Utxo(sorted);
    }
}
