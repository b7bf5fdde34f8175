package dev.fabric.devnet.server;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Lenient query-string parsing: a malformed pair is skipped, never an error (hydra-node falls back to defaults). */
final class QueryParameters {

    private QueryParameters() {
    }

    static Map<String, String> parse(String query) {
        Map<String, String> parameters = new HashMap<>();
        if (query == null || query.isEmpty()) {
            return parameters;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            try {
                parameters.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException malformed) {
                // e.g. a stray '%': this pair is ignored, the others still count
            }
        }
        return parameters;
    }
}
