package dev.fabric.ingest.domain.tx;

import com.bloxbean.cardano.client.crypto.Blake2bUtil;
import dev.fabric.ingest.domain.cbor.CborException;
import dev.fabric.ingest.domain.cbor.CborReader;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a Conway-era transaction ({@code [body, witnesses, is_valid, auxiliary_data]}) into a
 * {@link ConwayTx}: inputs, reference inputs, outputs, required signers, spend redeemers and the
 * workload metadata. Fields ingest does not publish are skipped without being decoded. Both
 * serialisations the ledger accepts are read: legacy array and post-Alonzo map outputs, array and
 * map redeemers, set tags, and the three auxiliary-data shapes.
 */
public final class ConwayTxParser {

    /** Metadata label of the workload spec (plutus {@code WorkloadMetadata.LABEL}). */
    public static final long WORKLOAD_LABEL = 1990;

    private static final HexFormat HEX = HexFormat.of();
    private static final int SPEND = 0;

    private ConwayTxParser() {
    }

    /**
     * @param knownTxId the id the node sent with the transaction, or null to compute it (blake2b-256
     *                  of the body bytes exactly as serialised)
     * @throws CborException when the bytes are not a Conway transaction
     */
    public static ConwayTx parse(byte[] cbor, String knownTxId) {
        CborReader in = new CborReader(cbor);
        long parts = in.readArrayHeader();
        if (parts != 4 && parts != 3) {
            throw new CborException("a transaction is an array of 4 (or pre-Alonzo 3) items, got " + parts, 0);
        }
        int bodyStart = in.position();
        Body body = readBody(in);
        int bodyEnd = in.position();
        Map<Integer, byte[]> redeemers = readWitnessRedeemers(in);
        boolean valid = true;
        if (parts == 4) {
            int at = in.position();
            if (in.peekMajor() == CborReader.SIMPLE && !in.tryNull()) {
                valid = in.readBoolean();
            } else if (in.peekMajor() != CborReader.SIMPLE) {
                throw new CborException("expected the is_valid flag", at);
            }
        }
        Optional<ConwayTx.WorkloadBytes> workload = readAuxiliaryData(in);
        if (!in.atEnd()) {
            throw new CborException("trailing bytes after the transaction", in.position());
        }
        String txId = knownTxId != null ? knownTxId
                : HEX.formatHex(Blake2bUtil.blake2bHash256(java.util.Arrays.copyOfRange(cbor, bodyStart, bodyEnd)));
        List<TxInRef> sorted = new ArrayList<>(body.inputs);
        Collections.sort(sorted);
        Optional<ConwayOutput> collateralReturn = Optional.ofNullable(body.collateralReturn)
                .map(r -> new ConwayOutput(body.outputs.size(), r.address(), r.lovelace(), r.assets(), r.inlineDatum(), r.datumHash()));
        return new ConwayTx(txId, valid, List.copyOf(sorted), body.referenceInputs, body.collateral, body.outputs,
                collateralReturn, body.requiredSigners, redeemers, workload);
    }

    private static final class Body {
        List<TxInRef> inputs = List.of();
        List<TxInRef> referenceInputs = List.of();
        List<TxInRef> collateral = List.of();
        List<ConwayOutput> outputs = List.of();
        ConwayOutput collateralReturn;
        List<String> requiredSigners = List.of();
    }

    private static Body readBody(CborReader in) {
        Body body = new Body();
        long fields = in.readMapHeader();
        boolean sawInputs = false;
        boolean sawOutputs = false;
        for (long i = 0; in.hasNext(fields, i); i++) {
            int at = in.position();
            long key = in.readUnsigned();
            switch ((int) Math.min(key, Integer.MAX_VALUE)) {
                case 0 -> {
                    body.inputs = readInputs(in);
                    sawInputs = true;
                }
                case 1 -> {
                    body.outputs = readOutputs(in);
                    sawOutputs = true;
                }
                case 13 -> body.collateral = readInputs(in);
                case 14 -> body.requiredSigners = readKeyHashes(in);
                case 16 -> body.collateralReturn = readOutput(in, 0);
                case 18 -> body.referenceInputs = readInputs(in);
                default -> {
                    if (key > 255) {
                        throw new CborException("unexpected transaction body key " + Long.toUnsignedString(key), at);
                    }
                    in.skip();
                }
            }
        }
        if (!sawInputs || !sawOutputs) {
            throw new CborException("transaction body without inputs or outputs", 0);
        }
        return body;
    }

    private static List<TxInRef> readInputs(CborReader in) {
        long count = in.readArrayOrSetHeader();
        List<TxInRef> inputs = new ArrayList<>(count > 0 ? (int) Math.min(count, 1024) : 4);
        for (long i = 0; in.hasNext(count, i); i++) {
            int at = in.position();
            long parts = in.readArrayHeader();
            if (parts != 2) {
                throw new CborException("an input is [txId, index], got " + parts + " items", at);
            }
            byte[] txId = in.readBytes();
            if (txId.length != 32) {
                throw new CborException("an input's transaction id has 32 bytes, got " + txId.length, at);
            }
            inputs.add(new TxInRef(HEX.formatHex(txId), in.readUnsignedInt()));
        }
        return List.copyOf(inputs);
    }

    private static List<String> readKeyHashes(CborReader in) {
        long count = in.readArrayOrSetHeader();
        List<String> hashes = new ArrayList<>();
        for (long i = 0; in.hasNext(count, i); i++) {
            int at = in.position();
            byte[] hash = in.readBytes();
            if (hash.length != 28) {
                throw new CborException("a required signer is a 28-byte key hash, got " + hash.length + " bytes", at);
            }
            hashes.add(HEX.formatHex(hash));
        }
        return List.copyOf(hashes);
    }

    private static List<ConwayOutput> readOutputs(CborReader in) {
        long count = in.readArrayHeader();
        List<ConwayOutput> outputs = new ArrayList<>(count > 0 ? (int) Math.min(count, 1024) : 4);
        for (int i = 0; in.hasNext(count, i); i++) {
            outputs.add(readOutput(in, i));
        }
        return List.copyOf(outputs);
    }

    private static ConwayOutput readOutput(CborReader in, int index) {
        int at = in.position();
        int major = in.peekMajor();
        byte[] address = null;
        long lovelace = -1;
        List<TxAsset> assets = List.of();
        byte[] inlineDatum = null;
        String datumHash = null;
        if (major == CborReader.ARRAY) {
            long parts = in.readArrayHeader();
            if (parts != 2 && parts != 3) {
                throw new CborException("a legacy output is [address, value, datumHash?], got " + parts + " items", at);
            }
            address = in.readBytes();
            Value value = readValue(in);
            lovelace = value.lovelace;
            assets = value.assets;
            if (parts == 3) {
                datumHash = HEX.formatHex(in.readBytes());
            }
        } else if (major == CborReader.MAP) {
            long fields = in.readMapHeader();
            for (long f = 0; in.hasNext(fields, f); f++) {
                int keyAt = in.position();
                long key = in.readUnsigned();
                if (key == 0) {
                    address = in.readBytes();
                } else if (key == 1) {
                    Value value = readValue(in);
                    lovelace = value.lovelace;
                    assets = value.assets;
                } else if (key == 2) {
                    int optionAt = in.position();
                    long parts = in.readArrayHeader();
                    long kind = in.readUnsigned();
                    if (parts != 2 || (kind != 0 && kind != 1)) {
                        throw new CborException("a datum option is [0, hash] or [1, #6.24(datum)]", optionAt);
                    }
                    if (kind == 0) {
                        datumHash = HEX.formatHex(in.readBytes());
                    } else {
                        long tag = in.readTag();
                        if (tag != 24) {
                            throw new CborException("an inline datum is wrapped in tag 24, got tag " + tag, optionAt);
                        }
                        inlineDatum = in.readBytes();
                    }
                } else if (key == 3) {
                    in.skip();
                } else {
                    throw new CborException("unexpected output key " + Long.toUnsignedString(key), keyAt);
                }
            }
        } else {
            throw new CborException("an output is an array or a map, got major type " + major, at);
        }
        if (address == null || address.length == 0 || lovelace < 0) {
            throw new CborException("an output needs an address and a value", at);
        }
        return new ConwayOutput(index, address, lovelace, assets, inlineDatum, datumHash);
    }

    private record Value(long lovelace, List<TxAsset> assets) {
    }

    private static Value readValue(CborReader in) {
        if (in.peekMajor() == CborReader.UNSIGNED) {
            return new Value(in.readUnsignedLong(), List.of());
        }
        int at = in.position();
        long parts = in.readArrayHeader();
        if (parts != 2) {
            throw new CborException("a multi-asset value is [coin, assets], got " + parts + " items", at);
        }
        long coin = in.readUnsignedLong();
        List<TxAsset> assets = new ArrayList<>();
        long policies = in.readMapHeader();
        for (long p = 0; in.hasNext(policies, p); p++) {
            String policy = HEX.formatHex(in.readBytes());
            long names = in.readMapHeader();
            for (long n = 0; in.hasNext(names, n); n++) {
                String name = HEX.formatHex(in.readBytes());
                BigInteger quantity = in.readInteger();
                assets.add(new TxAsset(policy, name, quantity));
            }
        }
        return new Value(coin, List.copyOf(assets));
    }

    /** Only the witness set's redeemers (key 5) are read; signatures and scripts are skipped. */
    private static Map<Integer, byte[]> readWitnessRedeemers(CborReader in) {
        long fields = in.readMapHeader();
        Map<Integer, byte[]> spends = Map.of();
        for (long i = 0; in.hasNext(fields, i); i++) {
            long key = in.readUnsigned();
            if (key == 5) {
                spends = readRedeemers(in);
            } else {
                in.skip();
            }
        }
        return spends;
    }

    private static Map<Integer, byte[]> readRedeemers(CborReader in) {
        Map<Integer, byte[]> spends = new HashMap<>();
        int at = in.position();
        if (in.peekMajor() == CborReader.ARRAY) {
            long count = in.readArrayHeader();
            for (long i = 0; in.hasNext(count, i); i++) {
                int itemAt = in.position();
                if (in.readArrayHeader() != 4) {
                    throw new CborException("a redeemer is [tag, index, data, exUnits]", itemAt);
                }
                long tag = in.readUnsigned();
                int index = in.readUnsignedInt();
                byte[] data = in.readRaw();
                in.skip();
                if (tag == SPEND) {
                    spends.put(index, data);
                }
            }
        } else if (in.peekMajor() == CborReader.MAP) {
            long count = in.readMapHeader();
            for (long i = 0; in.hasNext(count, i); i++) {
                int keyAt = in.position();
                if (in.readArrayHeader() != 2) {
                    throw new CborException("a redeemer key is [tag, index]", keyAt);
                }
                long tag = in.readUnsigned();
                int index = in.readUnsignedInt();
                int valueAt = in.position();
                if (in.readArrayHeader() != 2) {
                    throw new CborException("a redeemer value is [data, exUnits]", valueAt);
                }
                byte[] data = in.readRaw();
                in.skip();
                if (tag == SPEND) {
                    spends.put(index, data);
                }
            }
        } else {
            throw new CborException("redeemers are an array or a map", at);
        }
        return Map.copyOf(spends);
    }

    private static Optional<ConwayTx.WorkloadBytes> readAuxiliaryData(CborReader in) {
        if (in.atEnd() || in.tryNull()) {
            return Optional.empty();
        }
        int at = in.position();
        int major = in.peekMajor();
        if (major == CborReader.MAP) {
            return readMetadata(in);
        }
        if (major == CborReader.ARRAY) {
            long parts = in.readArrayHeader();
            if (parts < 1) {
                throw new CborException("auxiliary data array without metadata", at);
            }
            Optional<ConwayTx.WorkloadBytes> workload = readMetadata(in);
            for (long i = 1; i < parts; i++) {
                in.skip();
            }
            return workload;
        }
        long tag = in.readTag();
        if (tag != 259) {
            throw new CborException("auxiliary data is a map, an array or tag 259, got tag " + tag, at);
        }
        long fields = in.readMapHeader();
        Optional<ConwayTx.WorkloadBytes> workload = Optional.empty();
        for (long i = 0; in.hasNext(fields, i); i++) {
            long key = in.readUnsigned();
            if (key == 0) {
                workload = readMetadata(in);
            } else {
                in.skip();
            }
        }
        return workload;
    }

    private static Optional<ConwayTx.WorkloadBytes> readMetadata(CborReader in) {
        long labels = in.readMapHeader();
        Optional<ConwayTx.WorkloadBytes> workload = Optional.empty();
        for (long i = 0; in.hasNext(labels, i); i++) {
            long label = in.readUnsigned();
            if (label == WORKLOAD_LABEL) {
                workload = Optional.of(readWorkloadChunks(in));
            } else {
                in.skip();
            }
        }
        return workload;
    }

    /** The label's value must be a list of byte strings; anything else is recorded, not thrown. */
    private static ConwayTx.WorkloadBytes readWorkloadChunks(CborReader in) {
        if (in.peekMajor() != CborReader.ARRAY) {
            in.skip();
            return new ConwayTx.WorkloadBytes.Malformed("metadata label 1990 is not a list of byte strings");
        }
        long count = in.readArrayHeader();
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        String problem = null;
        for (long i = 0; in.hasNext(count, i); i++) {
            if (in.peekMajor() == CborReader.BYTES) {
                json.writeBytes(in.readBytes());
            } else {
                in.skip();
                problem = "metadata label 1990 item " + i + " is not a byte string";
            }
        }
        return problem == null ? new ConwayTx.WorkloadBytes.Present(json.toByteArray())
                : new ConwayTx.WorkloadBytes.Malformed(problem);
    }
}
