package dev.fabric.plutus.datum;

import com.bloxbean.cardano.client.plutus.spec.BigIntPlutusData;
import com.bloxbean.cardano.client.plutus.spec.BytesPlutusData;
import com.bloxbean.cardano.client.plutus.spec.ConstrPlutusData;
import com.bloxbean.cardano.client.plutus.spec.ListPlutusData;
import com.bloxbean.cardano.client.plutus.spec.PlutusData;
import com.fasterxml.jackson.databind.JsonNode;
import dev.fabric.plutus.blueprint.Blueprint;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** Checks Plutus Data against a CIP-57 data schema of the blueprint; returns the violations found. */
final class SchemaConformance {

    private final Blueprint blueprint;

    SchemaConformance(Blueprint blueprint) {
        this.blueprint = blueprint;
    }

    List<String> violations(JsonNode schema, PlutusData data) {
        List<String> out = new ArrayList<>();
        check(schema, data, "$", out);
        return out;
    }

    private void check(JsonNode schema, PlutusData data, String path, List<String> out) {
        JsonNode s = blueprint.resolve(schema);
        if (s.has("anyOf")) {
            if (!(data instanceof ConstrPlutusData constr)) {
                out.add(path + ": expected a constructor");
                return;
            }
            for (JsonNode alternative : s.get("anyOf")) {
                if (alternative.path("index").asLong(-1) == constr.getAlternative()) {
                    check(alternative, data, path + "." + alternative.path("title").asText(), out);
                    return;
                }
            }
            out.add(path + ": no constructor " + constr.getAlternative() + " in the schema");
            return;
        }
        String type = s.path("dataType").asText();
        switch (type) {
            case "constructor" -> {
                if (!(data instanceof ConstrPlutusData constr) || constr.getAlternative() != s.get("index").asLong()) {
                    out.add(path + ": expected constructor " + s.get("index"));
                    return;
                }
                List<PlutusData> fields = constr.getData().getPlutusDataList();
                JsonNode fieldSchemas = s.get("fields");
                if (fields.size() != fieldSchemas.size()) {
                    out.add(path + ": expected " + fieldSchemas.size() + " fields, got " + fields.size());
                    return;
                }
                for (int i = 0; i < fields.size(); i++) {
                    check(fieldSchemas.get(i), fields.get(i), path + "." + fieldSchemas.get(i).path("title").asText(i + ""), out);
                }
            }
            case "integer" -> {
                if (!(data instanceof BigIntPlutusData integer)) {
                    out.add(path + ": expected an integer");
                    return;
                }
                BigInteger v = integer.getValue();
                if (s.has("minimum") && v.compareTo(BigInteger.valueOf(s.get("minimum").asLong())) < 0) {
                    out.add(path + ": below minimum " + s.get("minimum"));
                }
                if (s.has("maximum") && v.compareTo(BigInteger.valueOf(s.get("maximum").asLong())) > 0) {
                    out.add(path + ": above maximum " + s.get("maximum"));
                }
            }
            case "bytes" -> {
                if (!(data instanceof BytesPlutusData bytes)) {
                    out.add(path + ": expected bytes");
                    return;
                }
                int length = bytes.getValue().length;
                if (s.has("minLength") && length < s.get("minLength").asInt()) {
                    out.add(path + ": shorter than " + s.get("minLength"));
                }
                if (s.has("maxLength") && length > s.get("maxLength").asInt()) {
                    out.add(path + ": longer than " + s.get("maxLength"));
                }
            }
            case "list" -> {
                if (!(data instanceof ListPlutusData list)) {
                    out.add(path + ": expected a list");
                    return;
                }
                List<PlutusData> items = list.getPlutusDataList();
                for (int i = 0; i < items.size(); i++) {
                    check(s.get("items"), items.get(i), path + "[" + i + "]", out);
                }
            }
            default -> out.add(path + ": schema has no dataType the checker knows: " + s);
        }
    }
}
