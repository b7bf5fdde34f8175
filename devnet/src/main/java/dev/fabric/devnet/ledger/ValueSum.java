package dev.fabric.devnet.ledger;

import com.bloxbean.cardano.client.transaction.spec.Asset;
import com.bloxbean.cardano.client.transaction.spec.MultiAsset;
import com.bloxbean.cardano.client.transaction.spec.Value;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** An exact running total of lovelace and native assets, for the value-preservation rule. */
final class ValueSum {

    private BigInteger coin = BigInteger.ZERO;
    private final TreeMap<String, TreeMap<String, BigInteger>> assets = new TreeMap<>();

    ValueSum add(Value value) {
        if (value.getCoin() != null) {
            coin = coin.add(value.getCoin());
        }
        addAssets(value.getMultiAssets());
        return this;
    }

    ValueSum addCoin(BigInteger lovelace) {
        if (lovelace != null) {
            coin = coin.add(lovelace);
        }
        return this;
    }

    /** Adds signed quantities (a mint field: burns are negative). */
    ValueSum addAssets(List<MultiAsset> multiAssets) {
        if (multiAssets == null) {
            return this;
        }
        for (MultiAsset policy : multiAssets) {
            TreeMap<String, BigInteger> names = assets.computeIfAbsent(policy.getPolicyId(), p -> new TreeMap<>());
            for (Asset asset : policy.getAssets()) {
                String name = TxOutRendering.assetNameHex(asset);
                BigInteger sum = names.getOrDefault(name, BigInteger.ZERO).add(asset.getValue());
                if (sum.signum() == 0) {
                    names.remove(name);
                } else {
                    names.put(name, sum);
                }
            }
            if (names.isEmpty()) {
                assets.remove(policy.getPolicyId());
            }
        }
        return this;
    }

    BigInteger coin() {
        return coin;
    }

    boolean hasAssets() {
        return !assets.isEmpty();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ValueSum sum && coin.equals(sum.coin) && assets.equals(sum.assets);
    }

    @Override
    public int hashCode() {
        return Objects.hash(coin, assets);
    }

    /** As the ledger shows a value: {@code MaryValue (Coin n) (MultiAsset (fromList [...]))}. */
    @Override
    public String toString() {
        String multiAsset = assets.entrySet().stream()
                .map(policy -> "(PolicyID {policyID = ScriptHash \"" + policy.getKey() + "\"},fromList ["
                        + policy.getValue().entrySet().stream().map(this::asset).collect(Collectors.joining(",")) + "])")
                .collect(Collectors.joining(","));
        return "MaryValue (Coin " + coin + ") (MultiAsset (fromList [" + multiAsset + "]))";
    }

    private String asset(Map.Entry<String, BigInteger> entry) {
        return "(\"" + entry.getKey() + "\"," + entry.getValue() + ")";
    }
}
