package dev.fabric.plutus.datum;

/**
 * The check every hex-held id makes (key hashes, transaction ids, workload hashes): exactly so many
 * characters, all {@code 0-9a-f}. A loop rather than a regex: it runs for every datum bid-ingest reads.
 */
final class LowerHex {

    private LowerHex() {
    }

    /** True when {@code text} is {@code chars} characters of lowercase hex. */
    static boolean is(String text, int chars) {
        if (text == null || text.length() != chars) {
            return false;
        }
        for (int i = 0; i < chars; i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }
}
