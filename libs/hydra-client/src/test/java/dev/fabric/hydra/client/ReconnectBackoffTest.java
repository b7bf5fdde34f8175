package dev.fabric.hydra.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class ReconnectBackoffTest {

    private final ReconnectBackoff backoff = new ReconnectBackoff(Duration.ofMillis(100), Duration.ofSeconds(5), 2.0, 0.5);

    @Test
    void shouldDoubleTheCeilingUpToTheMaximum() {
        assertEquals(Duration.ofMillis(100), backoff.ceiling(0));
        assertEquals(Duration.ofMillis(200), backoff.ceiling(1));
        assertEquals(Duration.ofMillis(3_200), backoff.ceiling(5));
        assertEquals(Duration.ofSeconds(5), backoff.ceiling(6));
        assertEquals(Duration.ofSeconds(5), backoff.ceiling(10_000));
    }

    @Test
    void shouldJitterWithinTheConfiguredFractionBelowTheCeiling() {
        RandomGenerator random = new SplittableRandom(7);
        for (int attempt = 0; attempt < 12; attempt++) {
            Duration ceiling = backoff.ceiling(attempt);
            for (int draw = 0; draw < 200; draw++) {
                Duration delay = backoff.delay(attempt, random);
                assertTrue(delay.compareTo(ceiling) <= 0 && delay.compareTo(ceiling.dividedBy(2)) >= 0,
                        () -> delay + " outside [" + ceiling.dividedBy(2) + ", " + ceiling + "]");
            }
        }
    }

    @Test
    void shouldRepeatTheScheduleForTheSameSeed() {
        for (int attempt = 0; attempt < 8; attempt++) {
            assertEquals(backoff.delay(attempt, new SplittableRandom(attempt)), backoff.delay(attempt, new SplittableRandom(attempt)));
        }
    }

    @Test
    void shouldNotJitterWhenJitterIsZero() {
        ReconnectBackoff exact = new ReconnectBackoff(Duration.ofSeconds(1), Duration.ofSeconds(4), 3.0, 0.0);

        assertEquals(Duration.ofSeconds(3), exact.delay(1, new SplittableRandom()));
        assertEquals(Duration.ofSeconds(4), exact.delay(2, new SplittableRandom()));
    }

    @Test
    void shouldRejectNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new ReconnectBackoff(Duration.ZERO, Duration.ofSeconds(1), 2, 0));
        assertThrows(IllegalArgumentException.class, () -> new ReconnectBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 2, 0));
        assertThrows(IllegalArgumentException.class, () -> new ReconnectBackoff(Duration.ofSeconds(1), Duration.ofSeconds(2), 0.5, 0));
        assertThrows(IllegalArgumentException.class, () -> new ReconnectBackoff(Duration.ofSeconds(1), Duration.ofSeconds(2), 2, 1.5));
        assertThrows(IllegalArgumentException.class, () -> new ReconnectBackoff(Duration.ofSeconds(1), Duration.ofSeconds(2), Double.NaN, 0));
        assertThrows(IllegalArgumentException.class, () -> backoff.ceiling(-1));
    }
}
