package dev.fabric.devnet.ledger;

import com.bloxbean.cardano.client.crypto.Blake2bUtil;
import java.util.HexFormat;

/** Script hashing as the ledger defines it: blake2b-224 over the language tag and the script bytes. */
public final class Scripts {

    public static final int NATIVE = 0;
    public static final int PLUTUS_V1 = 1;
    public static final int PLUTUS_V2 = 2;
    public static final int PLUTUS_V3 = 3;

    private static final HexFormat HEX = HexFormat.of();

    private Scripts() {
    }

    /**
     * @param scriptItem for a native script its CBOR; for a Plutus script the CBOR byte string whose
     *                   content is the serialised program (the hash covers the content)
     */
    static String hash(int language, byte[] scriptItem) {
        byte[] body = language == NATIVE ? scriptItem : byteStringContent(scriptItem);
        byte[] tagged = new byte[body.length + 1];
        tagged[0] = (byte) language;
        System.arraycopy(body, 0, tagged, 1, body.length);
        return HEX.formatHex(Blake2bUtil.blake2bHash224(tagged));
    }

    static byte[] byteStringContent(byte[] item) {
        CborSpans.Head head = CborSpans.head(item, 0);
        if (head.majorType() != CborSpans.BYTES || head.indefinite()) {
            throw new IllegalArgumentException("a Plutus script must be a definite byte string");
        }
        return CborSpans.slice(item, head.contentStart(), (int) (head.contentStart() + head.argument()));
    }

    static String languageName(int language) {
        return switch (language) {
            case NATIVE -> "SimpleScript";
            case PLUTUS_V1 -> "PlutusScriptV1";
            case PLUTUS_V2 -> "PlutusScriptV2";
            case PLUTUS_V3 -> "PlutusScriptV3";
            default -> throw new IllegalArgumentException("unknown script language " + language);
        };
    }

    static int languageOf(String envelopeType) {
        return switch (envelopeType) {
            case "SimpleScript", "SimpleScriptV2" -> NATIVE;
            case "PlutusScriptV1" -> PLUTUS_V1;
            case "PlutusScriptV2" -> PLUTUS_V2;
            case "PlutusScriptV3" -> PLUTUS_V3;
            default -> throw new IllegalArgumentException("unknown script type " + envelopeType);
        };
    }
}
