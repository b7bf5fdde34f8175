package dev.fabric.hydra.api.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fabric.hydra.api.HydraJson;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonShapesTest {

    @Test
    void shouldAcceptTheSameShapeWithEquivalentNumbersAndTimestamps() throws Exception {
        JsonNode node = json("{\"a\":1,\"t\":\"1864-05-09T23:37:45.065451656788Z\",\"l\":[{\"x\":null}]}");
        JsonNode ours = json("{\"l\":[{\"x\":null}],\"t\":\"1864-05-09T23:37:45.065451656Z\",\"a\":1.0}");

        assertEquals(List.of(), JsonShapes.differences(node, ours));
    }

    @Test
    void shouldReportMissingAndExtraKeysDeepDown() throws Exception {
        List<String> differences = JsonShapes.differences(
                json("{\"a\":{\"b\":{\"c\":1,\"d\":2}},\"l\":[1,2]}"),
                json("{\"a\":{\"b\":{\"c\":1,\"e\":2}},\"l\":[1]}"));

        assertEquals(2, differences.size(), differences::toString);
        assertTrue(differences.get(0).startsWith("$.a.b: keys differ, missing [d], extra [e]"), differences::toString);
        assertTrue(differences.get(1).startsWith("$.l: expected 2 elements"), differences::toString);
    }

    @Test
    void shouldReportTypeAndValueChanges() throws Exception {
        List<String> differences = JsonShapes.differences(json("{\"a\":null,\"b\":\"x\",\"c\":3}"), json("{\"a\":{},\"b\":\"y\",\"c\":4}"));

        assertEquals(3, differences.size(), differences::toString);
    }

    private static JsonNode json(String text) throws Exception {
        return HydraJson.mapper().readTree(text);
    }
}
