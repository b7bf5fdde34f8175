package dev.fabric.deployer.adapter;

import dev.fabric.hydra.api.TxIn;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The operator's outputs that transactions it submitted are using, until the head's confirmed UTxO
 * shows the outcome. The confirmed snapshot still lists an input for a while after a transaction
 * spending it was sent (until the next snapshot), so without this two concurrent transactions would
 * pick the same funding output and one of them would fail with {@code BadInputsUTxO}.
 *
 * <p>Spent inputs are exclusive. Collateral is shared: a transaction whose scripts pass never
 * consumes its collateral, so several script transactions may name the same one at once, but no
 * transaction may spend an output another one names as collateral. Thread-safe.
 */
public final class InFlightInputs {

    private record Held(Set<TxIn> spends, Set<TxIn> collateral, Instant until) {
    }

    private final Map<String, Held> byTx = new LinkedHashMap<>();

    /**
     * @param until when to stop assuming the transaction may still land (the head dropped it without a verdict)
     */
    public synchronized void hold(String txId, Set<TxIn> spends, Set<TxIn> collateral, Instant until) {
        byTx.put(Objects.requireNonNull(txId, "txId"), new Held(Set.copyOf(spends), Set.copyOf(collateral), until));
    }

    /** The transaction was refused: the head never applied it, so its inputs are free again. */
    public synchronized void release(String txId) {
        byTx.remove(txId);
    }

    /** Neither spent nor put up as collateral by a transaction in flight: free to fund a new one. */
    public synchronized boolean freeToSpend(TxIn in) {
        return byTx.values().stream().noneMatch(h -> h.spends().contains(in) || h.collateral().contains(in));
    }

    /** Not spent by a transaction in flight (collateral may be shared). */
    public synchronized boolean freeAsCollateral(TxIn in) {
        return byTx.values().stream().noneMatch(h -> h.spends().contains(in));
    }

    /**
     * Forgets transactions whose outcome the head's confirmed UTxO ({@code onHead}) now shows, i.e.
     * one of their inputs is gone (spent by them, or by someone else: either way they are over), and
     * those held past their deadline.
     */
    public synchronized void prune(Collection<TxIn> onHead, Instant now) {
        Set<TxIn> present = onHead instanceof Set<TxIn> set ? set : Set.copyOf(onHead);
        byTx.values().removeIf(h -> !now.isBefore(h.until()) || !present.containsAll(h.spends()));
    }

    public synchronized Set<String> transactions() {
        return Set.copyOf(byTx.keySet());
    }
}
