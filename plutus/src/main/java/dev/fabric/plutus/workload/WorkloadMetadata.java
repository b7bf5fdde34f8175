package dev.fabric.plutus.workload;

import com.bloxbean.cardano.client.crypto.Blake2bUtil;
import com.bloxbean.cardano.client.metadata.Metadata;
import com.bloxbean.cardano.client.util.HexUtil;
import com.bloxbean.cardano.client.metadata.cbor.CBORMetadata;
import com.bloxbean.cardano.client.metadata.cbor.CBORMetadataList;
import com.bloxbean.cardano.client.transaction.spec.Transaction;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;

/**
 * Carries a workload spec in a bid transaction's metadata, so the deployer can read it from the
 * confirmed transaction: label {@value #LABEL} holds the canonical JSON as a list of byte strings of
 * at most 64 bytes (the ledger's limit per metadata string; bytes rather than text so that a chunk
 * boundary can never split a UTF-8 character).
 */
public final class WorkloadMetadata {

    public static final BigInteger LABEL = BigInteger.valueOf(1990);
    public static final int CHUNK_BYTES = 64;

    private WorkloadMetadata() {
    }

    public static Metadata encode(WorkloadSpec spec) {
        byte[] json = spec.canonicalBytes();
        CBORMetadataList chunks = new CBORMetadataList();
        for (int offset = 0; offset < json.length; offset += CHUNK_BYTES) {
            chunks.add(Arrays.copyOfRange(json, offset, Math.min(json.length, offset + CHUNK_BYTES)));
        }
        return new CBORMetadata().put(LABEL, chunks);
    }

    /** The spec in a transaction's metadata, if it carries one. */
    public static Optional<WorkloadSpec> decode(Transaction tx) {
        if (tx.getAuxiliaryData() == null || tx.getAuxiliaryData().getMetadata() == null) {
            return Optional.empty();
        }
        return decode(tx.getAuxiliaryData().getMetadata());
    }

    public static Optional<WorkloadSpec> decode(Metadata metadata) {
        return rawJson(metadata).map(WorkloadSpec::fromJson);
    }

    private static Optional<byte[]> rawJson(Metadata metadata) {
        Object value = metadata.get(LABEL);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof CBORMetadataList list)) {
            throw new IllegalArgumentException("metadata label " + LABEL + " must be a list of byte strings");
        }
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        for (int i = 0; i < list.size(); i++) {
            Object chunk = list.getValueAt(i);
            if (!(chunk instanceof byte[] bytes)) {
                throw new IllegalArgumentException("metadata label " + LABEL + " item " + i + " is not a byte string");
            }
            json.writeBytes(bytes);
        }
        return Optional.of(json.toByteArray());
    }

    /** Decodes and checks the spec against the hash the bid datum commits to. */
    /**
     * Decodes and checks the spec against the hash the bid datum commits to. The hash is taken over
     * the bytes exactly as carried, so only the canonical form the app committed to is accepted.
     */
    public static WorkloadSpec decodeVerified(Transaction tx, String expectedWorkloadHash) {
        byte[] json = Optional.ofNullable(tx.getAuxiliaryData())
                .map(a -> a.getMetadata())
                .flatMap(WorkloadMetadata::rawJson)
                .orElseThrow(() -> new IllegalArgumentException("transaction carries no workload spec under label " + LABEL));
        String actual = HexUtil.encodeHexString(Blake2bUtil.blake2bHash256(json));
        if (!actual.equals(expectedWorkloadHash)) {
            throw new IllegalArgumentException("workload spec hashes to " + actual
                    + ", the bid commits to " + expectedWorkloadHash);
        }
        return WorkloadSpec.fromJson(json);
    }
}
