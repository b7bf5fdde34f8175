package dev.fabric.hydra.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * A transaction in the text-envelope form hydra-node uses everywhere since 0.16:
 * {@code {type, description, cborHex, txId}}.
 *
 * <p>The node always adds {@code txId} (blake2b-256 of the body bytes as serialised in
 * {@code cborHex}) on output and checks it on input when present; it is omitted here when null.
 */
public record Transaction(
        String type,
        String description,
        String cborHex,
        @JsonInclude(JsonInclude.Include.NON_NULL) String txId) {

    /** The envelope type the node writes for a witnessed Conway transaction. */
    public static final String CONWAY = "Tx ConwayEra";

    public Transaction {
        Objects.requireNonNull(cborHex, "cborHex");
        type = type == null ? CONWAY : type;
        description = description == null ? "" : description;
    }

    public static Transaction conway(String cborHex, String txId) {
        return new Transaction(CONWAY, "", cborHex, txId);
    }
}
