package dev.fabric.auction.api;

import java.util.List;

/**
 * Items gathered from every instance. {@code unreachable} names the instances that did not answer,
 * whose items are missing: a partial answer is said to be partial.
 */
public record Listing<T>(List<T> items, List<String> unreachable) {

    public Listing {
        items = List.copyOf(items);
        unreachable = List.copyOf(unreachable);
    }
}
