package dev.fabric.reputation.api;

import org.apache.kafka.streams.state.HostInfo;

/** Where an interactive query found (or did not find) a key: never a null, never a retry loop. */
public sealed interface Lookup<T> {

    /** This instance holds the key. */
    record Found<T>(T value) implements Lookup<T> {
    }

    /** Another instance owns the key's partition. */
    record Elsewhere<T>(HostInfo host) implements Lookup<T> {
    }

    /** The owning instance has no such key. */
    record NotFound<T>() implements Lookup<T> {
    }

    /** The store cannot answer right now (starting, rebalancing); the caller may retry later. */
    record Unavailable<T>(String reason) implements Lookup<T> {
    }
}
