package dev.fabric.events;

import java.util.regex.Pattern;

/**
 * A transaction output reference, written {@code txId#index} in every event ({@code bidRef},
 * {@code offerRef}, {@code leaseRef}). Parsing is strict: it is used at input boundaries.
 */
public record UtxoRef(String txId, int index) implements Comparable<UtxoRef> {

    private static final Pattern TX_ID = Pattern.compile("[0-9a-f]{64}");

    public UtxoRef {
        if (txId == null || !TX_ID.matcher(txId).matches()) {
            throw new IllegalArgumentException("txId must be 64 lowercase hex characters, got: " + txId);
        }
        if (index < 0) {
            throw new IllegalArgumentException("output index must be >= 0, got: " + index);
        }
    }

    /** Parses {@code txId#index}; throws {@link IllegalArgumentException} with the offending text. */
    public static UtxoRef parse(String ref) {
        if (ref == null) {
            throw new IllegalArgumentException("UTxO reference is missing");
        }
        int hash = ref.indexOf('#');
        if (hash < 0 || hash != ref.lastIndexOf('#')) {
            throw new IllegalArgumentException("UTxO reference must look like <txId>#<index>, got: " + ref);
        }
        String indexText = ref.substring(hash + 1);
        if (indexText.isEmpty() || indexText.length() > 5 || !indexText.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("UTxO output index must be a small decimal number, got: " + ref);
        }
        return new UtxoRef(ref.substring(0, hash), Integer.parseInt(indexText));
    }

    @Override
    public String toString() {
        return txId + "#" + index;
    }

    @Override
    public int compareTo(UtxoRef other) {
        int c = txId.compareTo(other.txId);
        return c != 0 ? c : Integer.compare(index, other.index);
    }
}
