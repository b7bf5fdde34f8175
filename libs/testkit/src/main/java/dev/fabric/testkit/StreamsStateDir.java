package dev.fabric.testkit;

import java.nio.file.Path;

/**
 * A fresh Kafka Streams {@code state.dir} for one test. A state dir reused across brokers makes
 * Streams fail with {@code OffsetOutOfRangeException}, so every test gets its own.
 */
public record StreamsStateDir(Path path) {

    @Override
    public String toString() {
        return path.toString();
    }
}
