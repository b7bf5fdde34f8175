package dev.fabric.auction.api;

import org.apache.kafka.streams.state.HostInfo;

/** Where an interactive query for one key stands: answered here, owned by another instance, absent, or not answerable now. */
public sealed interface Lookup<T> {

    record Found<T>(T value) implements Lookup<T> {
    }

    /** Another instance hosts the key's partition. */
    record Elsewhere<T>(HostInfo host) implements Lookup<T> {
    }

    record NotFound<T>() implements Lookup<T> {
    }

    /** The stores are migrating or restoring (a rebalance): ask again shortly. */
    record Unavailable<T>(String reason) implements Lookup<T> {
    }
}
