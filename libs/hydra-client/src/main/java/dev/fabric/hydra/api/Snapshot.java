package dev.fabric.hydra.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A head snapshot (since 0.20.0: full transactions in {@code confirmed}).
 *
 * @param version        increases by one with each finalized commit or decommit
 * @param number         increases by one with each confirmed snapshot
 * @param confirmed      exactly the transactions newly included since the previous snapshot
 * @param utxo           the full UTxO after them; null (the key is omitted) when the connection asked
 *                       for {@code snapshot-utxo=no}
 * @param utxoToCommit   a deposit being committed by this snapshot, else null (written as null)
 * @param utxoToDecommit a decommit being approved by this snapshot, else null (written as null)
 * @param accumulator    the BLS accumulator hash (≥ 2.2.0, not in the 2.3.0 schema), omitted when null
 */
public record Snapshot(
        String headId,
        long version,
        long number,
        List<Transaction> confirmed,
        @JsonInclude(JsonInclude.Include.NON_NULL) Utxo utxo,
        Utxo utxoToCommit,
        Utxo utxoToDecommit,
        @JsonInclude(JsonInclude.Include.NON_NULL) String accumulator) {

    public Snapshot {
        Objects.requireNonNull(headId, "headId");
        confirmed = List.copyOf(Objects.requireNonNull(confirmed, "confirmed"));
    }

    public Optional<Utxo> utxoIfSent() {
        return Optional.ofNullable(utxo);
    }

    public boolean confirms(String txId) {
        return confirmed.stream().anyMatch(tx -> txId.equals(tx.txId()));
    }
}
