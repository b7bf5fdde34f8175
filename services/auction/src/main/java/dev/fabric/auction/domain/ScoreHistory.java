package dev.fabric.auction.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * One operator's score over event time: entries sorted by the instant they became valid. Old entries
 * are pruned, but the newest entry at or before the pruning horizon is kept, so any lookup at or
 * after the horizon still finds the score then in force.
 */
public record ScoreHistory(List<Entry> entries) {

    /** Caps memory per operator whatever the publishing rate. */
    public static final int MAX_ENTRIES = 512;

    /** A score valid from {@code validFromMillis} (epoch ms, event time) until the next entry. */
    public record Entry(long validFromMillis, int scoreBps) {
    }

    public ScoreHistory {
        entries = List.copyOf(entries);
    }

    public static ScoreHistory empty() {
        return new ScoreHistory(List.of());
    }

    /** The score in force at {@code at}: the latest entry valid at or before it. */
    public OptionalInt at(Instant at) {
        long millis = at.toEpochMilli();
        for (int i = entries.size() - 1; i >= 0; i--) {
            Entry entry = entries.get(i);
            if (entry.validFromMillis() <= millis) {
                return OptionalInt.of(entry.scoreBps());
            }
        }
        return OptionalInt.empty();
    }

    /**
     * This history with a score valid from {@code validFrom} (replacing one from the same instant),
     * keeping entries within {@code keep} of the newest one.
     */
    public ScoreHistory with(Instant validFrom, int scoreBps, Duration keep) {
        long millis = validFrom.toEpochMilli();
        List<Entry> next = new ArrayList<>(entries.size() + 1);
        boolean placed = false;
        for (Entry entry : entries) {
            if (!placed && entry.validFromMillis() >= millis) {
                next.add(new Entry(millis, scoreBps));
                placed = true;
                if (entry.validFromMillis() == millis) {
                    continue;
                }
            }
            next.add(entry);
        }
        if (!placed) {
            next.add(new Entry(millis, scoreBps));
        }
        long horizon = next.get(next.size() - 1).validFromMillis() - keep.toMillis();
        int firstKept = 0;
        for (int i = 0; i < next.size(); i++) {
            if (next.get(i).validFromMillis() <= horizon) {
                firstKept = i;
            }
        }
        firstKept = Math.max(firstKept, next.size() - MAX_ENTRIES);
        return new ScoreHistory(next.subList(firstKept, next.size()));
    }
}
