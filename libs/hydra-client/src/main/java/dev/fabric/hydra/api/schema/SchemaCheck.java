package dev.fabric.hydra.api.schema;

import java.util.List;

/**
 * The result of checking one JSON document against the hydra-node API schema.
 *
 * @param errors one line per violation, with its JSON path; empty when valid
 */
public record SchemaCheck(String schema, List<String> errors) {

    public SchemaCheck {
        errors = List.copyOf(errors);
    }

    public boolean valid() {
        return errors.isEmpty();
    }

    /** @throws SchemaViolationException listing every violation, for one-line use in tests */
    public SchemaCheck orThrow() {
        if (!valid()) {
            throw new SchemaViolationException(this);
        }
        return this;
    }
}
