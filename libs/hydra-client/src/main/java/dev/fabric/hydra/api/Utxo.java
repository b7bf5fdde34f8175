package dev.fabric.hydra.api;

import java.math.BigInteger;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A UTxO set: {@code {"<txId>#<ix>": TxOut, ...}} on the wire. Iteration keeps the order the entries
 * were given in (the node sends them sorted by {@link TxIn}).
 */
public record Utxo(Map<TxIn, TxOut> outputs) {

    public static final Utxo EMPTY = new Utxo(Map.of());

    public Utxo {
        Objects.requireNonNull(outputs, "outputs");
        outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
    }

    public static Utxo of(TxIn in, TxOut out) {
        return new Utxo(Map.of(in, out));
    }

    public Optional<TxOut> get(TxIn in) {
        return Optional.ofNullable(outputs.get(in));
    }

    public boolean isEmpty() {
        return outputs.isEmpty();
    }

    public int size() {
        return outputs.size();
    }

    public BigInteger totalLovelace() {
        return outputs.values().stream().map(o -> o.value().lovelace()).reduce(BigInteger.ZERO, BigInteger::add);
    }
}
