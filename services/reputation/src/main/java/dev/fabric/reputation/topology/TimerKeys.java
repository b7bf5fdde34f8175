package dev.fabric.reputation.topology;

import java.time.Instant;

/**
 * Keys of {@code reputation-bid-timer-store}: {@code <kind>|<epoch ms, 19 digits>|<bidRef>}. Zero
 * padding makes string order time order, so "every timer due before t" is one range scan.
 */
final class TimerKeys {

    /** Deploy-deadline check (deadline + grace). */
    static final String DEADLINE = "d";
    /** End of the bid's retention. */
    static final String EXPIRY = "x";

    private TimerKeys() {
    }

    static String key(String kind, Instant at, String bidRef) {
        return prefix(kind, at) + "|" + bidRef;
    }

    /** Upper bound of a scan for timers due strictly before {@code at}. */
    static String dueBefore(String kind, Instant at) {
        return prefix(kind, at);
    }

    static String first(String kind) {
        return prefix(kind, Instant.EPOCH);
    }

    static String bidRef(String key) {
        return key.substring(key.indexOf('|', 2) + 1);
    }

    private static String prefix(String kind, Instant at) {
        return kind + "|" + String.format("%019d", Math.max(0, at.toEpochMilli()));
    }
}
