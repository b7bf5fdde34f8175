package dev.fabric.events;


/**
 * A transaction output reference, written {@code txId#index} in every event ({@code bidRef},
 * {@code offerRef}, {@code leaseRef}). Parsing is strict: it is used at input boundaries.
 */
public record UtxoRef(String txId, int index) implements Comparable<UtxoRef> {

    private static final int TX_ID_LENGTH = 64;
    private static final int MAX_INDEX_DIGITS = 5;

    public UtxoRef {
        if (txId == null || !isTxId(txId)) {
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
        int digits = ref.length() - hash - 1;
        if (digits == 0 || digits > MAX_INDEX_DIGITS) {
            throw new IllegalArgumentException("UTxO output index must be a small decimal number, got: " + ref);
        }
        int index = 0;
        for (int i = hash + 1; i < ref.length(); i++) {
            char c = ref.charAt(i);
            // ASCII only: Integer.parseInt would also take other scripts' digits, so two texts would name one output.
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("UTxO output index must be a small decimal number, got: " + ref);
            }
            index = index * 10 + (c - '0');
        }
        return new UtxoRef(ref.substring(0, hash), index);
    }

    /** 64 lowercase hex characters (hand-checked: every event on the hot paths carries a few of these). */
    private static boolean isTxId(String text) {
        if (text.length() != TX_ID_LENGTH) {
            return false;
        }
        for (int i = 0; i < TX_ID_LENGTH; i++) {
            char c = text.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
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
