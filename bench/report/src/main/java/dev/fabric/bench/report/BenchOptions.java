package dev.fabric.bench.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A benchmark's command line: {@code --name value} pairs, in the order given (the report prints them). */
public final class BenchOptions {

    private BenchOptions() {
    }

    /** @throws IllegalArgumentException for a value without its option, or an option without its value */
    public static Map<String, String> parse(String[] args) {
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("expected --option value pairs, got an odd count: " + String.join(" ", args));
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option, got " + args[i]);
            }
            options.put(args[i], args[i + 1]);
        }
        return Collections.unmodifiableMap(options);
    }
}
