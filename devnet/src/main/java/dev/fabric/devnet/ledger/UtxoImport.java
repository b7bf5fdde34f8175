package dev.fabric.devnet.ledger;

import com.bloxbean.cardano.client.address.util.AddressUtil;
import com.bloxbean.cardano.client.common.cbor.CborSerializationUtil;
import com.bloxbean.cardano.client.plutus.spec.PlutusData;
import com.bloxbean.cardano.client.transaction.spec.Asset;
import com.bloxbean.cardano.client.transaction.spec.MultiAsset;
import dev.fabric.hydra.api.TxIn;
import dev.fabric.hydra.api.TxOut;
import dev.fabric.hydra.api.Utxo;
import dev.fabric.hydra.api.Value;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns hydra-node's UTxO JSON (an initial UTxO file, a deposit's {@code utxoToCommit}) into ledger
 * outputs. Outputs are written in the post-Alonzo map form; inline datums keep the bytes of
 * {@code inlineDatumRaw} when given.
 */
public final class UtxoImport {

    private static final HexFormat HEX = HexFormat.of();

    private UtxoImport() {
    }

    /** @throws IllegalArgumentException naming the first entry that is not a valid output */
    public static Map<TxIn, LedgerOutput> toLedger(Utxo utxo) {
        Map<TxIn, LedgerOutput> out = new LinkedHashMap<>();
        utxo.outputs().forEach((in, txOut) -> {
            try {
                out.put(in, toLedger(txOut));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("UTxO entry " + in + ": " + e.getMessage(), e);
            }
        });
        return out;
    }

    public static LedgerOutput toLedger(TxOut txOut) {
        byte[] address;
        try {
            address = AddressUtil.addressToBytes(txOut.address());
        } catch (Exception e) {
            throw new IllegalArgumentException("address is not a Cardano address: " + txOut.address(), e);
        }
        byte[] value;
        try {
            value = CborSerializationUtil.serialize(cclValue(txOut.value()).serialize());
        } catch (Exception e) {
            throw new IllegalArgumentException("value cannot be encoded: " + e.getMessage(), e);
        }
        byte[] datumOption = datumOption(txOut);
        byte[] scriptRef = scriptRef(txOut);
        int fields = 2 + (datumOption == null ? 0 : 1) + (scriptRef == null ? 0 : 1);
        CborWriter cbor = new CborWriter().head(CborSpans.MAP, fields)
                .unsigned(0).bytes(address)
                .unsigned(1).raw(value);
        if (datumOption != null) {
            cbor.unsigned(2).raw(datumOption);
        }
        if (scriptRef != null) {
            cbor.unsigned(3).raw(scriptRef);
        }
        return LedgerOutput.fromCbor(cbor.toByteArray());
    }

    private static byte[] datumOption(TxOut txOut) {
        byte[] inline = null;
        if (txOut.inlineDatumRaw() != null) {
            inline = HEX.parseHex(txOut.inlineDatumRaw());
        } else if (txOut.inlineDatum() != null) {
            PlutusData data = PlutusDataJson.fromJson(txOut.inlineDatum());
            inline = data.serializeToBytes();
        }
        if (inline != null) {
            return new CborWriter().head(CborSpans.ARRAY, 2).unsigned(1)
                    .head(CborSpans.TAG, 24).bytes(inline).toByteArray();
        }
        if (txOut.datumHash() != null) {
            return new CborWriter().head(CborSpans.ARRAY, 2).unsigned(0)
                    .bytes(HEX.parseHex(txOut.datumHash())).toByteArray();
        }
        return null;
    }

    private static byte[] scriptRef(TxOut txOut) {
        if (txOut.referenceScript() == null || txOut.referenceScript().script() == null) {
            return null;
        }
        int language = Scripts.languageOf(txOut.referenceScript().script().type());
        byte[] inner = new CborWriter().head(CborSpans.ARRAY, 2).unsigned(language)
                .raw(HEX.parseHex(txOut.referenceScript().script().cborHex())).toByteArray();
        return new CborWriter().head(CborSpans.TAG, 24).bytes(inner).toByteArray();
    }

    static com.bloxbean.cardano.client.transaction.spec.Value cclValue(Value value) {
        List<MultiAsset> multiAssets = new ArrayList<>();
        value.assets().forEach((policy, names) -> {
            List<Asset> assets = new ArrayList<>();
            names.forEach((name, quantity) -> assets.add(new Asset("0x" + name, quantity)));
            multiAssets.add(new MultiAsset(policy, assets));
        });
        BigInteger coin = value.lovelace();
        return new com.bloxbean.cardano.client.transaction.spec.Value(coin, multiAssets);
    }
}
