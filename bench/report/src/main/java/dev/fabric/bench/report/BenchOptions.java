package dev.fabric.bench.report;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A benchmark's command line: {@code --name value} pairs, in the order given (the report prints them).
 * Values are read with a typed getter and a default; {@link #requireAllRead()} then refuses any option
 * no getter asked for, so a mistyped option fails the run instead of silently measuring the default.
 */
public final class BenchOptions {

    private final Map<String, String> values;
    private final Set<String> read = new HashSet<>();

    private BenchOptions(Map<String, String> values) {
        this.values = values;
    }

    /** @throws IllegalArgumentException for a value without its option, or an option without its value */
    public static BenchOptions parse(String[] args) {
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
        return new BenchOptions(Collections.unmodifiableMap(options));
    }

    /** The options as given, for reports. */
    public Map<String, String> asMap() {
        return values;
    }

    public String text(String name, String fallback) {
        read.add(name);
        return values.getOrDefault(name, fallback);
    }

    public int integer(String name, int fallback) {
        return number(name, fallback, Integer::parseInt);
    }

    public long longInteger(String name, long fallback) {
        return number(name, fallback, Long::parseLong);
    }

    /** A comma-separated list, e.g. {@code --threads 1,2,4}. */
    public List<String> texts(String name, String fallback) {
        return List.of(text(name, fallback).split(","));
    }

    public List<Integer> integers(String name, String fallback) {
        return texts(name, fallback).stream().map(value -> parseNumber(name, value, Integer::parseInt)).toList();
    }

    /** @throws IllegalArgumentException naming every option given that no getter read */
    public void requireAllRead() {
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(read);
        if (!unknown.isEmpty()) {
            Set<String> known = new TreeSet<>(read);
            throw new IllegalArgumentException("unknown option(s) " + unknown + "; this benchmark reads " + known);
        }
    }

    private <T> T number(String name, T fallback, Function<String, T> parser) {
        read.add(name);
        String value = values.get(name);
        return value == null ? fallback : parseNumber(name, value, parser);
    }

    private static <T> T parseNumber(String name, String value, Function<String, T> parser) {
        try {
            return parser.apply(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " expects a whole number, got " + value);
        }
    }
}
