package dev.fabric.reputation.domain;

/** An interval [lower, upper] that holds {@code level} of a distribution's mass. */
public record ConfidenceInterval(double lower, double upper, double level) {

    public ConfidenceInterval {
        if (!(lower <= upper)) {
            throw new IllegalArgumentException("lower " + lower + " > upper " + upper);
        }
    }
}
