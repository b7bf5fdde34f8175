package dev.fabric.settlement.domain;

import java.time.Duration;
import java.util.Objects;

/**
 * The waits of the state machine.
 *
 * @param confirmTimeout    after a submission, how long to wait for the confirmed record before
 *                          looking at the head's UTxO (and resubmitting if still pending)
 * @param chainGrace        how long an input that vanished from the head may take to show up in
 *                          {@code fabric.l2.transactions} before the step is declared failed
 * @param refundGrace       wall-clock slack after a deploy deadline, for a Running event in flight
 * @param retryInitial      first backoff after a transient head error
 * @param retryMax          backoff ceiling
 * @param settledRetention  how long a settled bid's state is kept (to recognise late duplicates)
 */
public record SettlementTimings(Duration confirmTimeout, Duration chainGrace, Duration refundGrace, Duration retryInitial,
                                Duration retryMax, Duration settledRetention) {

    public SettlementTimings {
        requirePositive("confirmTimeout", confirmTimeout);
        requirePositive("chainGrace", chainGrace);
        Objects.requireNonNull(refundGrace, "refundGrace");
        if (refundGrace.isNegative()) {
            throw new IllegalArgumentException("refundGrace must not be negative");
        }
        requirePositive("retryInitial", retryInitial);
        requirePositive("retryMax", retryMax);
        if (retryMax.compareTo(retryInitial) < 0) {
            throw new IllegalArgumentException("retryMax " + retryMax + " is below retryInitial " + retryInitial);
        }
        requirePositive("settledRetention", settledRetention);
    }

    /** Exponential backoff: {@code retryInitial * 2^(attempt-1)}, capped at {@code retryMax}. */
    public Duration backoff(int attempt) {
        int doublings = Math.max(0, Math.min(attempt - 1, 30));
        Duration delay = retryInitial.multipliedBy(1L << doublings);
        return delay.compareTo(retryMax) > 0 ? retryMax : delay;
    }

    private static void requirePositive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
