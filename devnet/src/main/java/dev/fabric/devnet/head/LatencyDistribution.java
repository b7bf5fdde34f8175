package dev.fabric.devnet.head;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.random.RandomGenerator;

/** How long a snapshot takes to be confirmed (the signing round of a real head), sampled per snapshot. */
public sealed interface LatencyDistribution {

    Duration sample(RandomGenerator random);

    LatencyDistribution NONE = new Fixed(Duration.ZERO);

    record Fixed(Duration latency) implements LatencyDistribution {
        @Override
        public Duration sample(RandomGenerator random) {
            return latency;
        }
    }

    record Uniform(Duration min, Duration max) implements LatencyDistribution {
        public Uniform {
            if (max.compareTo(min) < 0) {
                throw new IllegalArgumentException("max " + max + " is below min " + min);
            }
        }

        @Override
        public Duration sample(RandomGenerator random) {
            long span = max.toNanos() - min.toNanos();
            return min.plusNanos(span == 0 ? 0 : random.nextLong(span + 1));
        }
    }

    /** Mostly around {@code mean}, with an exponential tail, like a loaded head. */
    record Exponential(Duration mean) implements LatencyDistribution {
        @Override
        public Duration sample(RandomGenerator random) {
            return Duration.ofNanos((long) (-Math.log(1 - random.nextDouble()) * mean.toNanos()));
        }
    }

    /** {@code {"kind":"fixed","ms":..}}, {@code {"kind":"uniform","minMs":..,"maxMs":..}}, {@code {"kind":"exponential","meanMs":..}}. */
    static LatencyDistribution fromJson(JsonNode json) {
        String kind = json.path("kind").asText("");
        return switch (kind) {
            case "fixed" -> new Fixed(Duration.ofMillis(requireMillis(json, "ms")));
            case "uniform" -> new Uniform(Duration.ofMillis(requireMillis(json, "minMs")), Duration.ofMillis(requireMillis(json, "maxMs")));
            case "exponential" -> new Exponential(Duration.ofMillis(requireMillis(json, "meanMs")));
            default -> throw new IllegalArgumentException("latency kind must be fixed, uniform or exponential, got \"" + kind + "\"");
        };
    }

    private static long requireMillis(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || !value.canConvertToLong() || value.asLong() < 0) {
            throw new IllegalArgumentException("latency needs a non-negative integer " + field);
        }
        return value.asLong();
    }
}
