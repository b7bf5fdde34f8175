package dev.fabric.ingest.domain.market;

import dev.fabric.ingest.domain.tx.TxInRef;
import dev.fabric.plutus.datum.BidDatum;
import dev.fabric.plutus.datum.OfferDatum;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The unspent Bid and (authentic) Offer outputs of one head, as far as ingest has seen them. A spend
 * only says which output it consumes; what that output was (a bid or an offer, for which bid, how much
 * escrow) comes from here. It is rebuilt on every start from the head's history replay and its current
 * UTxO, so it is derived state, never persisted. Not thread-safe: one head pipeline owns it.
 */
public final class OpenMarketOutputs {

    /** An output locked at the Bid or Offer script. */
    public sealed interface Entry {
    }

    public record OpenBid(BidDatum datum, long lovelace) implements Entry {
    }

    public record OpenOffer(OfferDatum datum, long lovelace) implements Entry {
    }

    private final Map<TxInRef, Entry> open = new HashMap<>();

    public void add(TxInRef ref, Entry entry) {
        open.put(ref, entry);
    }

    /** Forgets a spent output; returns what it was, if it was a bid or an offer. */
    public Optional<Entry> spend(TxInRef ref) {
        return Optional.ofNullable(open.remove(ref));
    }

    public Optional<Entry> get(TxInRef ref) {
        return Optional.ofNullable(open.get(ref));
    }

    public boolean contains(TxInRef ref) {
        return open.containsKey(ref);
    }

    public int size() {
        return open.size();
    }

    public void clear() {
        open.clear();
    }

    /** A snapshot of the entries, for reconciliation. */
    public Map<TxInRef, Entry> entries() {
        return Map.copyOf(open);
    }
}
