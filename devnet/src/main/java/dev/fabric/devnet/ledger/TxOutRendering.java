package dev.fabric.devnet.ledger;

import com.bloxbean.cardano.client.transaction.spec.Asset;
import com.bloxbean.cardano.client.transaction.spec.MultiAsset;
import dev.fabric.hydra.api.ReferenceScript;
import dev.fabric.hydra.api.ScriptEnvelope;
import dev.fabric.hydra.api.TxOut;
import dev.fabric.hydra.api.Value;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** Renders ledger outputs as hydra-node's JSON {@link TxOut} (cardano-api's UTxO JSON). */
public final class TxOutRendering {

    private static final HexFormat HEX = HexFormat.of();

    private TxOutRendering() {
    }

    static TxOut render(LedgerOutput out) {
        byte[] inline = out.inlineDatumBytes();
        byte[] datumHash = out.datumHash();
        LedgerOutput.ScriptRef script = out.scriptRef();
        ReferenceScript referenceScript = script == null ? null : new ReferenceScript(
                script.language() == Scripts.NATIVE
                        ? "SimpleScriptLanguage"
                        : "PlutusScriptLanguage " + Scripts.languageName(script.language()),
                new ScriptEnvelope(HEX.formatHex(script.scriptItem()), "", Scripts.languageName(script.language())));
        return new TxOut(
                out.address(),
                value(out.output().getValue()),
                null,
                inline == null && datumHash != null ? HEX.formatHex(datumHash) : null,
                inline == null ? null : PlutusDataJson.toJson(out.inlineDatum()),
                inline == null ? null : HEX.formatHex(inline),
                inline == null ? null : LedgerOutput.hashHex(inline),
                referenceScript);
    }

    public static Value value(com.bloxbean.cardano.client.transaction.spec.Value value) {
        BigInteger coin = value.getCoin() == null ? BigInteger.ZERO : value.getCoin();
        Map<String, Map<String, BigInteger>> assets = new LinkedHashMap<>();
        if (value.getMultiAssets() != null) {
            for (MultiAsset policy : value.getMultiAssets()) {
                Map<String, BigInteger> names = assets.computeIfAbsent(policy.getPolicyId(), p -> new LinkedHashMap<>());
                for (Asset asset : policy.getAssets()) {
                    names.merge(assetNameHex(asset), asset.getValue(), BigInteger::add);
                }
            }
        }
        return new Value(coin, assets);
    }

    static String assetNameHex(Asset asset) {
        return HEX.formatHex(asset.getNameAsBytes());
    }
}
