package dev.fabric.devnet.ledger;

import com.bloxbean.cardano.client.plutus.spec.BigIntPlutusData;
import com.bloxbean.cardano.client.plutus.spec.BytesPlutusData;
import com.bloxbean.cardano.client.plutus.spec.ConstrPlutusData;
import com.bloxbean.cardano.client.plutus.spec.ListPlutusData;
import com.bloxbean.cardano.client.plutus.spec.MapPlutusData;
import com.bloxbean.cardano.client.plutus.spec.PlutusData;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plutus data in cardano-api's "detailed" JSON schema, the form hydra-node uses for
 * {@code inlineDatum}: {@code {"int": n}}, {@code {"bytes": hex}}, {@code {"list": [...]}},
 * {@code {"map": [{"k": .., "v": ..}]}}, {@code {"constructor": n, "fields": [...]}}.
 */
public final class PlutusDataJson {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final HexFormat HEX = HexFormat.of();

    private PlutusDataJson() {
    }

    public static JsonNode toJson(PlutusData data) {
        if (data instanceof ConstrPlutusData constr) {
            ObjectNode node = JSON.objectNode();
            node.put("constructor", constr.getAlternative());
            node.set("fields", list(constr.getData() == null ? List.of() : constr.getData().getPlutusDataList()));
            return node;
        }
        if (data instanceof BigIntPlutusData integer) {
            return JSON.objectNode().put("int", integer.getValue());
        }
        if (data instanceof BytesPlutusData bytes) {
            return JSON.objectNode().put("bytes", HEX.formatHex(bytes.getValue()));
        }
        if (data instanceof ListPlutusData list) {
            ObjectNode node = JSON.objectNode();
            node.set("list", list(list.getPlutusDataList()));
            return node;
        }
        if (data instanceof MapPlutusData map) {
            ArrayNode entries = JSON.arrayNode();
            map.getMap().forEach((k, v) -> {
                ObjectNode entry = JSON.objectNode();
                entry.set("k", toJson(k));
                entry.set("v", toJson(v));
                entries.add(entry);
            });
            ObjectNode node = JSON.objectNode();
            node.set("map", entries);
            return node;
        }
        throw new IllegalArgumentException("unknown Plutus data " + data.getClass().getSimpleName());
    }

    public static PlutusData fromJson(JsonNode json) {
        if (json.has("constructor")) {
            return ConstrPlutusData.builder()
                    .alternative(json.get("constructor").asLong())
                    .data(ListPlutusData.builder().plutusDataList(fromJsonList(json.path("fields"))).build())
                    .build();
        }
        if (json.has("int")) {
            return BigIntPlutusData.of(json.get("int").bigIntegerValue());
        }
        if (json.has("bytes")) {
            return BytesPlutusData.of(HEX.parseHex(json.get("bytes").asText()));
        }
        if (json.has("list")) {
            return ListPlutusData.builder().plutusDataList(fromJsonList(json.get("list"))).build();
        }
        if (json.has("map")) {
            Map<PlutusData, PlutusData> map = new LinkedHashMap<>();
            for (JsonNode entry : json.get("map")) {
                map.put(fromJson(entry.get("k")), fromJson(entry.get("v")));
            }
            return MapPlutusData.builder().map(map).build();
        }
        throw new IllegalArgumentException("not Plutus data in the detailed JSON schema: " + json);
    }

    private static ArrayNode list(List<PlutusData> items) {
        ArrayNode array = JSON.arrayNode();
        for (PlutusData item : items) {
            array.add(toJson(item));
        }
        return array;
    }

    private static List<PlutusData> fromJsonList(JsonNode array) {
        List<PlutusData> out = new ArrayList<>();
        for (Iterator<JsonNode> it = array.elements(); it.hasNext(); ) {
            out.add(fromJson(it.next()));
        }
        return out;
    }
}
