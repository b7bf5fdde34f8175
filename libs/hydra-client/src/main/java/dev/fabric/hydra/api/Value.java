package dev.fabric.hydra.api;

import java.math.BigInteger;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A Cardano value: lovelace plus native assets ({@code policyId hex -> assetName hex -> quantity}).
 *
 * <p>Quantities are {@link BigInteger}: the node emits values beyond 2^53 (and beyond a long for
 * sums), so nothing here ever goes through a double. On the wire, {@code lovelace} is omitted when it
 * is zero, as cardano-api does.
 */
public record Value(BigInteger lovelace, Map<String, Map<String, BigInteger>> assets) {

    public static final Value ZERO = new Value(BigInteger.ZERO, Map.of());

    public Value {
        Objects.requireNonNull(lovelace, "lovelace");
        Objects.requireNonNull(assets, "assets");
        Map<String, Map<String, BigInteger>> copy = new LinkedHashMap<>();
        assets.forEach((policy, names) -> copy.put(
                Objects.requireNonNull(policy, "policyId"),
                Collections.unmodifiableMap(new LinkedHashMap<>(names))));
        assets = Collections.unmodifiableMap(copy);
    }

    public static Value lovelace(long lovelace) {
        return new Value(BigInteger.valueOf(lovelace), Map.of());
    }

    public static Value lovelace(BigInteger lovelace) {
        return new Value(lovelace, Map.of());
    }

    /** The quantity of one asset, zero when absent. */
    public BigInteger quantityOf(String policyId, String assetNameHex) {
        return assets.getOrDefault(policyId, Map.of()).getOrDefault(assetNameHex, BigInteger.ZERO);
    }

    public Value withAsset(String policyId, String assetNameHex, BigInteger quantity) {
        Map<String, Map<String, BigInteger>> copy = new LinkedHashMap<>(assets);
        Map<String, BigInteger> names = new LinkedHashMap<>(copy.getOrDefault(policyId, Map.of()));
        names.put(assetNameHex, quantity);
        copy.put(policyId, names);
        return new Value(lovelace, copy);
    }

    /** Sum of two values; assets that cancel to zero are dropped, as the ledger does. */
    public Value plus(Value other) {
        Map<String, Map<String, BigInteger>> sum = new LinkedHashMap<>();
        for (Map<String, Map<String, BigInteger>> side : java.util.List.of(assets, other.assets)) {
            side.forEach((policy, names) -> names.forEach((name, quantity) ->
                    sum.computeIfAbsent(policy, p -> new LinkedHashMap<>()).merge(name, quantity, BigInteger::add)));
        }
        sum.values().forEach(names -> names.values().removeIf(q -> q.signum() == 0));
        sum.values().removeIf(Map::isEmpty);
        return new Value(lovelace.add(other.lovelace), sum);
    }
}
