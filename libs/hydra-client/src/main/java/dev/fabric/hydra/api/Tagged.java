package dev.fabric.hydra.api;

/**
 * A member of one of hydra-node's tagged unions: a JSON object whose {@code tag} field names the
 * variant. Records serialise as {@code {"tag": tag(), <record components>}}.
 */
public interface Tagged {

    /** The wire tag: {@link WireTag} if present, otherwise the record's simple name. */
    default String tag() {
        return WireTags.of(getClass());
    }
}
