package dev.fabric.reputation.topology;

import dev.fabric.events.v1.dlq.DeadLetter;

/** What a processor made of one input: values to pass on, or a dead letter explaining the refusal. */
sealed interface Admission<T> {

    record Accepted<T>(T value) implements Admission<T> {
    }

    record Rejected<T>(DeadLetter deadLetter) implements Admission<T> {
    }
}
