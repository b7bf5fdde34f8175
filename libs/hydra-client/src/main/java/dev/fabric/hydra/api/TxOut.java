package dev.fabric.hydra.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * A transaction output as cardano-api renders it in hydra-node's JSON.
 *
 * <p>The key set depends on the datum, and {@link HydraJson} reproduces it exactly: with an inline
 * datum the output carries {@code inlineDatum}, {@code inlineDatumRaw} (its CBOR hex) and
 * {@code inlineDatumhash} and no {@code datumhash}; otherwise {@code datumhash} (a hash or null) and
 * null {@code inlineDatum}/{@code inlineDatumRaw}. {@code datum} is the supplemental datum (ScriptData
 * JSON) or null, and {@code referenceScript} is always present, possibly null.
 *
 * @param inlineDatum ScriptData JSON in cardano-api's detailed schema, e.g. {@code {"bytes":"a5"}}
 */
public record TxOut(
        String address,
        Value value,
        JsonNode datum,
        @JsonProperty("datumhash") String datumHash,
        JsonNode inlineDatum,
        String inlineDatumRaw,
        @JsonProperty("inlineDatumhash") String inlineDatumHash,
        ReferenceScript referenceScript) {

    public TxOut {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(value, "value");
        datum = absentIfNull(datum);
        inlineDatum = absentIfNull(inlineDatum);
    }

    /** A plain output: address and value, no datum, no reference script. */
    public static TxOut of(String address, Value value) {
        return new TxOut(address, value, null, null, null, null, null, null);
    }

    public boolean hasInlineDatum() {
        return inlineDatum != null;
    }

    private static JsonNode absentIfNull(JsonNode node) {
        // Jackson hands JSON null to a JsonNode component as NullNode; the model uses Java null.
        return node == null || node.isNull() || node.isMissingNode() ? null : node;
    }
}
