package dev.fabric.reputation.domain;

import java.time.Duration;
import java.util.Objects;

/**
 * Exponential decay with a half-life: evidence of age {@code a} weighs {@code 2^(-a / halfLife)}
 * = {@code exp(-a * ln2 / halfLife)}, so a 30-day-old success counts half as much as a fresh one.
 *
 * <p>{@link StrictMath} rather than {@link Math}: the intrinsics behind {@code Math.pow} may differ
 * by an ulp between JVMs and CPUs, and a replay on another machine must give identical scores.
 */
public record HalfLife(Duration duration) {

    public HalfLife {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("half-life must be positive, was " + duration);
        }
    }

    public static HalfLife ofDays(long days) {
        return new HalfLife(Duration.ofDays(days));
    }

    public long millis() {
        return duration.toMillis();
    }

    /**
     * Factor that carries a weight observed at {@code fromMs} to {@code toMs}. Never above 1: a
     * reference time earlier than the evidence (clock skew, out-of-order input) does not inflate it.
     */
    public double factor(long fromMs, long toMs) {
        long age = toMs - fromMs;
        if (age <= 0) {
            return 1.0;
        }
        return StrictMath.pow(2.0, -((double) age) / duration.toMillis());
    }
}
