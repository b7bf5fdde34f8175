package dev.fabric.events.schema;

import dev.fabric.topics.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Records the current topic value schemas as new released versions, after checking them.
 * Run before a release: {@code ./mvnw -pl schemas -Prelease-schemas process-classes} (see schemas/README.md).
 * Argument: the history folder in the source tree.
 */
public final class SchemaRelease {

    private SchemaRelease() {
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : "schemas/src/main/resources/" + SchemaHistory.ROOT);
        for (Schema current : Topics.valueSchemas()) {
            List<Schema> released = SchemaHistory.releasedVersions(current.getFullName());
            if (!released.isEmpty() && released.get(released.size() - 1).equals(current)) {
                continue;
            }
            List<String> problems = CompatibilityCheck.problems(current, released);
            if (!problems.isEmpty()) {
                throw new IllegalStateException(String.join("\n", problems));
            }
            Path file = root.resolve(current.getFullName()).resolve("v" + (released.size() + 1) + ".avsc");
            Files.createDirectories(file.getParent());
            Files.writeString(file, current.toString(true) + "\n", StandardCharsets.UTF_8);
            System.out.println("released " + file);
        }
    }
}
