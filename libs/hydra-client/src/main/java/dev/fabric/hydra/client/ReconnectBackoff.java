package dev.fabric.hydra.client;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Exponential reconnect delays with jitter: attempt {@code n} waits a uniformly random time in
 * {@code [base·(1 − jitter), base]} with {@code base = min(max, initial · multiplier^n)}. The jitter
 * spreads the reconnects of many clients after a node restart; the cap keeps a long outage from
 * growing the delay without bound.
 *
 * @param jitter fraction of the delay that is randomised, from 0 (none) to 1 (full jitter)
 */
public record ReconnectBackoff(Duration initial, Duration max, double multiplier, double jitter) {

    public static final ReconnectBackoff DEFAULT = new ReconnectBackoff(Duration.ofMillis(250), Duration.ofSeconds(30), 2.0, 0.2);

    public ReconnectBackoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("initial backoff must be positive: " + initial);
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("max backoff " + max + " is below initial " + initial);
        }
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("multiplier must be at least 1: " + multiplier);
        }
        if (!(jitter >= 0.0 && jitter <= 1.0)) {
            throw new IllegalArgumentException("jitter must be within [0, 1]: " + jitter);
        }
    }

    /** The base delay of an attempt, before jitter. */
    public Duration ceiling(int attempt) {
        if (attempt < 0) {
            throw new IllegalArgumentException("attempt must not be negative: " + attempt);
        }
        double nanos = initial.toNanos() * Math.pow(multiplier, attempt);
        return nanos >= max.toNanos() ? max : Duration.ofNanos((long) nanos);
    }

    /** The delay before reconnect attempt {@code attempt} (0 for the first retry after a drop). */
    public Duration delay(int attempt, RandomGenerator random) {
        long ceiling = ceiling(attempt).toNanos();
        long spread = (long) (ceiling * jitter);
        long floor = ceiling - spread;
        return Duration.ofNanos(spread == 0 ? ceiling : floor + (long) (random.nextDouble() * (spread + 1)));
    }
}
