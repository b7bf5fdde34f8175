package dev.fabric.devnet.ledger;

import co.nstant.in.cbor.CborDecoder;
import co.nstant.in.cbor.model.DataItem;
import com.bloxbean.cardano.client.crypto.Blake2bUtil;
import com.bloxbean.cardano.client.plutus.spec.PlutusData;
import com.bloxbean.cardano.client.transaction.spec.TransactionOutput;
import java.io.ByteArrayInputStream;
import java.util.HexFormat;
import java.util.List;

/**
 * One output in the head's UTxO: its bytes as they were created (so sizes and datum bytes are the
 * submitter's) plus what the ledger rules need from it, worked out once.
 *
 * <p>Immutable and safe to share between the local and the confirmed UTxO sets.
 */
public final class LedgerOutput {

    private static final HexFormat HEX = HexFormat.of();

    private final byte[] cbor;
    private final TransactionOutput output;
    private final byte[] addressBytes;
    private final int valueSize;
    private final byte[] inlineDatumBytes;
    private final ScriptRef scriptRef;
    private volatile dev.fabric.hydra.api.TxOut rendered;

    /** A reference script: its language tag (0 native, 1..3 Plutus V1..V3), its item bytes and its hash. */
    public record ScriptRef(int language, byte[] scriptItem, String scriptHash) {
    }

    private LedgerOutput(byte[] cbor, TransactionOutput output) {
        this.cbor = cbor;
        this.output = output;
        OutputSpans spans = spans(cbor);
        this.addressBytes = spans.address();
        this.valueSize = spans.valueSize();
        this.inlineDatumBytes = spans.inlineDatum();
        this.scriptRef = spans.scriptRef();
    }

    /** An output whose bytes cardano-client-lib already decoded (e.g. from a transaction body). */
    public static LedgerOutput of(byte[] cbor, TransactionOutput decoded) {
        return new LedgerOutput(cbor, decoded);
    }

    public static LedgerOutput fromCbor(byte[] cbor) {
        try {
            List<DataItem> items = new CborDecoder(new ByteArrayInputStream(cbor)).decode();
            return new LedgerOutput(cbor, TransactionOutput.deserialize(items.get(0)));
        } catch (Exception e) {
            throw new IllegalArgumentException("not a transaction output: " + e.getMessage(), e);
        }
    }

    public byte[] cbor() {
        return cbor;
    }

    public TransactionOutput output() {
        return output;
    }

    public String address() {
        return output.getAddress();
    }

    public byte[] addressBytes() {
        return addressBytes;
    }

    public int valueSize() {
        return valueSize;
    }

    /** Shelley address types 0-7 carry a payment credential; bit 4 of the header says whether it is a script. */
    public boolean hasPaymentCredential() {
        return addressBytes.length >= 29 && (addressBytes[0] & 0xff) >>> 4 <= 7;
    }

    public boolean isScriptLocked() {
        return hasPaymentCredential() && ((addressBytes[0] >>> 4) & 1) == 1;
    }

    /** The payment key hash or script hash (hex), or null for Byron and reward addresses. */
    public String paymentCredentialHash() {
        return hasPaymentCredential() ? HEX.formatHex(addressBytes, 1, 29) : null;
    }

    public byte[] datumHash() {
        return output.getDatumHash();
    }

    public PlutusData inlineDatum() {
        return output.getInlineDatum();
    }

    /** The inline datum's bytes as created, or null. */
    public byte[] inlineDatumBytes() {
        return inlineDatumBytes;
    }

    public ScriptRef scriptRef() {
        return scriptRef;
    }

    /** hydra-node's JSON rendering of this output, computed on first use. */
    public dev.fabric.hydra.api.TxOut rendered() {
        dev.fabric.hydra.api.TxOut out = rendered;
        if (out == null) {
            out = TxOutRendering.render(this);
            rendered = out;
        }
        return out;
    }

    /**
     * This output as cardano-client-lib's backend model (the form the plutus module's evaluator and
     * transaction builders take).
     */
    public com.bloxbean.cardano.client.api.model.Utxo toCclUtxo(dev.fabric.hydra.api.TxIn in) {
        java.util.List<com.bloxbean.cardano.client.api.model.Amount> amounts = new java.util.ArrayList<>();
        com.bloxbean.cardano.client.transaction.spec.Value value = output.getValue();
        amounts.add(com.bloxbean.cardano.client.api.model.Amount.lovelace(value.getCoin()));
        if (value.getMultiAssets() != null) {
            for (com.bloxbean.cardano.client.transaction.spec.MultiAsset policy : value.getMultiAssets()) {
                for (com.bloxbean.cardano.client.transaction.spec.Asset asset : policy.getAssets()) {
                    amounts.add(com.bloxbean.cardano.client.api.model.Amount.asset(
                            policy.getPolicyId() + TxOutRendering.assetNameHex(asset), asset.getValue()));
                }
            }
        }
        return new com.bloxbean.cardano.client.api.model.Utxo(in.txId(), (int) in.index(), address(), amounts,
                inlineDatumBytes == null && datumHash() != null ? HEX.formatHex(datumHash()) : null,
                inlineDatumBytes == null ? null : HEX.formatHex(inlineDatumBytes),
                scriptRef == null ? null : scriptRef.scriptHash());
    }

    private record OutputSpans(byte[] address, int valueSize, byte[] inlineDatum, ScriptRef scriptRef) {
    }

    private static OutputSpans spans(byte[] cbor) {
        CborSpans.Head head = CborSpans.head(cbor, 0);
        if (head.majorType() == CborSpans.ARRAY) {
            int addressStart = head.contentStart();
            int valueStart = CborSpans.end(cbor, addressStart);
            int valueEnd = CborSpans.end(cbor, valueStart);
            return new OutputSpans(byteString(cbor, addressStart), valueEnd - valueStart, null, null);
        }
        if (head.majorType() != CborSpans.MAP || head.indefinite()) {
            throw new IllegalArgumentException("not a transaction output: neither array nor map");
        }
        byte[] address = null;
        int valueSize = 0;
        byte[] inlineDatum = null;
        ScriptRef scriptRef = null;
        int at = head.contentStart();
        for (long i = 0; i < head.argument(); i++) {
            CborSpans.Head key = CborSpans.head(cbor, at);
            int valueStart = CborSpans.end(cbor, at);
            int valueEnd = CborSpans.end(cbor, valueStart);
            switch ((int) key.argument()) {
                case 0 -> address = byteString(cbor, valueStart);
                case 1 -> valueSize = valueEnd - valueStart;
                case 2 -> inlineDatum = inlineDatum(cbor, valueStart);
                case 3 -> scriptRef = scriptRef(cbor, valueStart);
                default -> {
                    // no other output fields exist in Conway
                }
            }
            at = valueEnd;
        }
        if (address == null) {
            throw new IllegalArgumentException("not a transaction output: no address");
        }
        return new OutputSpans(address, valueSize, inlineDatum, scriptRef);
    }

    /** datum_option = [0, hash] / [1, #6.24(bytes .cbor data)]: the data's bytes for the inline form. */
    private static byte[] inlineDatum(byte[] cbor, int offset) {
        CborSpans.Head option = CborSpans.head(cbor, offset);
        int kindStart = option.contentStart();
        CborSpans.Head kind = CborSpans.head(cbor, kindStart);
        if (kind.argument() != 1) {
            return null;
        }
        return taggedCbor(cbor, CborSpans.end(cbor, kindStart));
    }

    /** script_ref = #6.24(bytes .cbor [language, script]). */
    private static ScriptRef scriptRef(byte[] cbor, int offset) {
        byte[] inner = taggedCbor(cbor, offset);
        CborSpans.Head pair = CborSpans.head(inner, 0);
        CborSpans.Head language = CborSpans.head(inner, pair.contentStart());
        int scriptStart = CborSpans.end(inner, pair.contentStart());
        int scriptEnd = CborSpans.end(inner, scriptStart);
        byte[] scriptItem = CborSpans.slice(inner, scriptStart, scriptEnd);
        int lang = (int) language.argument();
        return new ScriptRef(lang, scriptItem, Scripts.hash(lang, scriptItem));
    }

    private static byte[] taggedCbor(byte[] cbor, int offset) {
        CborSpans.Head tag = CborSpans.head(cbor, offset);
        if (tag.majorType() != CborSpans.TAG || tag.argument() != 24) {
            throw new IllegalArgumentException("expected #6.24 embedded CBOR at byte " + offset);
        }
        return byteString(cbor, tag.contentStart());
    }

    private static byte[] byteString(byte[] cbor, int offset) {
        CborSpans.Head head = CborSpans.head(cbor, offset);
        if (head.majorType() != CborSpans.BYTES || head.indefinite()) {
            throw new IllegalArgumentException("expected a definite byte string at byte " + offset);
        }
        return CborSpans.slice(cbor, head.contentStart(), (int) (head.contentStart() + head.argument()));
    }

    static String hashHex(byte[] bytes) {
        return HEX.formatHex(Blake2bUtil.blake2bHash256(bytes));
    }
}
