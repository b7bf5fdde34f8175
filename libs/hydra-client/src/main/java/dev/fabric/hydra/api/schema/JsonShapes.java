package dev.fabric.hydra.api.schema;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fabric.hydra.api.HydraTimestamps;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares two JSON documents by shape: the same key set in every object, the same array lengths,
 * the same node types, and equal scalars. Timestamps count as equal when they denote the same
 * instant to the nanosecond, because the node writes up to 12 fractional digits and Java keeps 9.
 *
 * <p>Used to check that the typed model re-encodes the node's golden samples exactly, and by an
 * emulator to check that what it emits has the node's shape.
 */
public final class JsonShapes {

    private JsonShapes() {
    }

    /** Every difference, each as {@code path: what}; empty when the shapes match. */
    public static List<String> differences(JsonNode expected, JsonNode actual) {
        List<String> out = new ArrayList<>();
        compare("$", expected, actual, out);
        return out;
    }

    private static void compare(String path, JsonNode expected, JsonNode actual, List<String> out) {
        if (expected.getNodeType() != actual.getNodeType()) {
            out.add(path + ": expected " + expected.getNodeType() + " but was " + actual.getNodeType() + " (" + abbreviate(actual) + ")");
            return;
        }
        if (expected.isObject()) {
            Set<String> expectedKeys = keys(expected);
            Set<String> actualKeys = keys(actual);
            if (!expectedKeys.equals(actualKeys)) {
                Set<String> missing = new TreeSet<>(expectedKeys);
                missing.removeAll(actualKeys);
                Set<String> extra = new TreeSet<>(actualKeys);
                extra.removeAll(expectedKeys);
                out.add(path + ": keys differ, missing " + missing + ", extra " + extra);
            }
            for (String key : expectedKeys) {
                if (actual.has(key)) {
                    compare(path + "." + key, expected.get(key), actual.get(key), out);
                }
            }
        } else if (expected.isArray()) {
            if (expected.size() != actual.size()) {
                out.add(path + ": expected " + expected.size() + " elements but was " + actual.size());
                return;
            }
            for (int i = 0; i < expected.size(); i++) {
                compare(path + "[" + i + "]", expected.get(i), actual.get(i), out);
            }
        } else if (!scalarsEqual(expected, actual)) {
            out.add(path + ": expected " + abbreviate(expected) + " but was " + abbreviate(actual));
        }
    }

    private static boolean scalarsEqual(JsonNode expected, JsonNode actual) {
        if (expected.isNumber()) {
            return expected.decimalValue().compareTo(actual.decimalValue()) == 0;
        }
        if (expected.equals(actual)) {
            return true;
        }
        if (expected.isTextual()) {
            try {
                return HydraTimestamps.parse(expected.asText()).equals(HydraTimestamps.parse(actual.asText()));
            } catch (DateTimeException notTimestamps) {
                return false;
            }
        }
        return false;
    }

    private static Set<String> keys(JsonNode object) {
        Set<String> keys = new TreeSet<>();
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            keys.add(names.next());
        }
        return keys;
    }

    private static String abbreviate(JsonNode node) {
        String text = node.toString();
        return text.length() <= 80 ? text : text.substring(0, 80) + "…";
    }
}
