package dev.fabric.topics;

import java.util.List;

/** Existing topics differ from the catalogue in a way that cannot be fixed automatically. */
public final class TopicMismatchException extends RuntimeException {

    private final List<String> mismatches;

    public TopicMismatchException(List<String> mismatches) {
        super("Existing topics do not match the catalogue (fix or recreate them):\n  - " + String.join("\n  - ", mismatches));
        this.mismatches = List.copyOf(mismatches);
    }

    public List<String> mismatches() {
        return mismatches;
    }
}
