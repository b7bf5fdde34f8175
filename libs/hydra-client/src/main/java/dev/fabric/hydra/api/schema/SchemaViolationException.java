package dev.fabric.hydra.api.schema;

/** A JSON document does not conform to the hydra-node API schema. */
public class SchemaViolationException extends RuntimeException {

    private final transient SchemaCheck check;

    public SchemaViolationException(SchemaCheck check) {
        super("does not conform to hydra-node " + HydraApiSchema.VERSION + " " + check.schema() + ":\n  "
                + String.join("\n  ", check.errors()));
        this.check = check;
    }

    public SchemaCheck check() {
        return check;
    }
}
