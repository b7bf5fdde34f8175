package dev.fabric.devnet.ledger;

import com.bloxbean.cardano.client.crypto.Blake2bUtil;
import com.bloxbean.cardano.client.transaction.spec.Transaction;
import com.bloxbean.cardano.client.transaction.spec.TransactionInput;
import com.bloxbean.cardano.client.transaction.spec.VkeyWitness;
import dev.fabric.hydra.api.TxIn;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Turns submitted bytes into a {@link DecodedTx}: cardano-client-lib decodes the Conway structure,
 * the original byte spans give the transaction id and output sizes, and every vkey witness is
 * verified (Ed25519 over the body hash). Stateless and thread-safe.
 */
public final class TxDecoder {

    private static final HexFormat HEX = HexFormat.of();
    private static final int BODY_OUTPUTS = 1;
    private static final int BODY_TTL = 3;
    private static final int BODY_VALIDITY_START = 8;
    private static final int WITNESS_DATUMS = 4;
    private static final int WITNESS_REDEEMERS = 5;

    private TxDecoder() {
    }

    public static DecodedTx decode(String cborHex) throws MalformedTxException {
        byte[] cbor;
        try {
            cbor = HEX.parseHex(cborHex);
        } catch (IllegalArgumentException e) {
            throw new MalformedTxException("cborHex is not hex: " + e.getMessage(), e);
        }
        return decode(cbor);
    }

    public static DecodedTx decode(byte[] cbor) throws MalformedTxException {
        try {
            return decodeUnchecked(cbor);
        } catch (CborSpans.MalformedCborException e) {
            throw new MalformedTxException("not a Conway transaction: " + e.getMessage(), e);
        }
    }

    private static DecodedTx decodeUnchecked(byte[] cbor) throws MalformedTxException {
        CborSpans.Head tx = CborSpans.head(cbor, 0);
        if (tx.majorType() != CborSpans.ARRAY || tx.indefinite() || tx.argument() != 4) {
            throw new MalformedTxException("not a Conway transaction: expected an array of 4 (body, witnesses, isValid, auxiliary data)");
        }
        int bodyStart = tx.contentStart();
        int bodyEnd = CborSpans.end(cbor, bodyStart);
        int witnessEnd = CborSpans.end(cbor, bodyEnd);
        int validEnd = CborSpans.end(cbor, witnessEnd);
        int auxEnd = CborSpans.end(cbor, validEnd);
        if (auxEnd != cbor.length) {
            throw new MalformedTxException("not a Conway transaction: " + (cbor.length - auxEnd) + " trailing byte(s)");
        }
        byte[] txIdBytes = Blake2bUtil.blake2bHash256(CborSpans.slice(cbor, bodyStart, bodyEnd));

        Transaction transaction;
        try {
            transaction = Transaction.deserialize(cbor);
        } catch (Exception e) {
            throw new MalformedTxException("not a Conway transaction: " + e.getMessage(), e);
        }
        if (transaction.getBody() == null || transaction.getBody().getInputs() == null) {
            throw new MalformedTxException("not a Conway transaction: no body inputs");
        }

        BodySpans body = bodySpans(cbor, bodyStart);
        WitnessSpans witnesses = witnessSpans(cbor, bodyEnd);
        List<String> badWitnesses = new ArrayList<>();
        Set<String> signers = verifiedSigners(transaction, txIdBytes, badWitnesses);
        var txBody = transaction.getBody();
        return new DecodedTx(
                HEX.formatHex(txIdBytes),
                cbor,
                transaction,
                txIns(txBody.getInputs()),
                txIns(txBody.getCollateral()),
                txIns(txBody.getReferenceInputs()),
                body.outputs(),
                body.validityStart(),
                body.ttl(),
                witnesses.redeemers(),
                witnesses.datums(),
                signers,
                List.copyOf(badWitnesses));
    }

    private record BodySpans(List<byte[]> outputs, Long ttl, Long validityStart) {
    }

    private record WitnessSpans(byte[] datums, byte[] redeemers) {
    }

    private static BodySpans bodySpans(byte[] cbor, int bodyStart) throws MalformedTxException {
        CborSpans.Head body = CborSpans.head(cbor, bodyStart);
        if (body.majorType() != CborSpans.MAP || body.indefinite()) {
            throw new MalformedTxException("not a Conway transaction: the body is not a definite map");
        }
        List<byte[]> outputs = List.of();
        Long ttl = null;
        Long validityStart = null;
        int at = body.contentStart();
        for (long i = 0; i < body.argument(); i++) {
            CborSpans.Head key = CborSpans.head(cbor, at);
            int valueStart = CborSpans.end(cbor, at);
            int valueEnd = CborSpans.end(cbor, valueStart);
            if (key.majorType() == CborSpans.UNSIGNED) {
                switch ((int) key.argument()) {
                    case BODY_OUTPUTS -> outputs = items(cbor, valueStart);
                    case BODY_TTL -> ttl = unsigned(cbor, valueStart, "ttl");
                    case BODY_VALIDITY_START -> validityStart = unsigned(cbor, valueStart, "validity interval start");
                    default -> {
                        // other fields are read from cardano-client-lib's decoding
                    }
                }
            }
            at = valueEnd;
        }
        return new BodySpans(outputs, ttl, validityStart);
    }

    private static WitnessSpans witnessSpans(byte[] cbor, int witnessStart) throws MalformedTxException {
        CborSpans.Head witnesses = CborSpans.head(cbor, witnessStart);
        if (witnesses.majorType() != CborSpans.MAP || witnesses.indefinite()) {
            throw new MalformedTxException("not a Conway transaction: the witness set is not a definite map");
        }
        byte[] datums = null;
        byte[] redeemers = null;
        int at = witnesses.contentStart();
        for (long i = 0; i < witnesses.argument(); i++) {
            CborSpans.Head key = CborSpans.head(cbor, at);
            int valueStart = CborSpans.end(cbor, at);
            int valueEnd = CborSpans.end(cbor, valueStart);
            if (key.majorType() == CborSpans.UNSIGNED && key.argument() == WITNESS_DATUMS) {
                datums = CborSpans.slice(cbor, valueStart, valueEnd);
            } else if (key.majorType() == CborSpans.UNSIGNED && key.argument() == WITNESS_REDEEMERS) {
                redeemers = CborSpans.slice(cbor, valueStart, valueEnd);
            }
            at = valueEnd;
        }
        return new WitnessSpans(datums, redeemers);
    }

    /** The elements of the array at {@code offset} (possibly wrapped in a set tag), each as its own bytes. */
    private static List<byte[]> items(byte[] cbor, int offset) throws MalformedTxException {
        CborSpans.Head head = CborSpans.head(cbor, offset);
        if (head.majorType() == CborSpans.TAG) {
            return items(cbor, head.contentStart());
        }
        if (head.majorType() != CborSpans.ARRAY) {
            throw new MalformedTxException("not a Conway transaction: outputs are not an array");
        }
        List<byte[]> out = new ArrayList<>();
        int at = head.contentStart();
        if (head.indefinite()) {
            while (!CborSpans.isBreak(cbor, at)) {
                int next = CborSpans.end(cbor, at);
                out.add(CborSpans.slice(cbor, at, next));
                at = next;
            }
        } else {
            for (long i = 0; i < head.argument(); i++) {
                int next = CborSpans.end(cbor, at);
                out.add(CborSpans.slice(cbor, at, next));
                at = next;
            }
        }
        return out;
    }

    private static long unsigned(byte[] cbor, int offset, String what) throws MalformedTxException {
        CborSpans.Head head = CborSpans.head(cbor, offset);
        if (head.majorType() != CborSpans.UNSIGNED) {
            throw new MalformedTxException("not a Conway transaction: " + what + " is not an unsigned integer");
        }
        return head.argument();
    }

    private static Set<String> verifiedSigners(Transaction transaction, byte[] txId, List<String> bad) {
        Set<String> signers = new LinkedHashSet<>();
        var witnessSet = transaction.getWitnessSet();
        if (witnessSet == null || witnessSet.getVkeyWitnesses() == null) {
            return signers;
        }
        for (VkeyWitness witness : witnessSet.getVkeyWitnesses()) {
            byte[] vkey = witness.getVkey();
            byte[] signature = witness.getSignature();
            boolean verifies = vkey != null && signature != null
                    && vkey.length == Ed25519.PUBLIC_KEY_SIZE && signature.length == Ed25519.SIGNATURE_SIZE
                    && Ed25519.verify(signature, 0, vkey, 0, txId, 0, txId.length);
            if (verifies) {
                signers.add(HEX.formatHex(Blake2bUtil.blake2bHash224(vkey)));
            } else {
                bad.add(vkey == null ? "" : HEX.formatHex(vkey));
            }
        }
        return signers;
    }

    private static List<TxIn> txIns(List<TransactionInput> inputs) {
        if (inputs == null) {
            return List.of();
        }
        List<TxIn> out = new ArrayList<>(inputs.size());
        for (TransactionInput input : inputs) {
            out.add(new TxIn(input.getTransactionId(), input.getIndex()));
        }
        return List.copyOf(out);
    }
}
