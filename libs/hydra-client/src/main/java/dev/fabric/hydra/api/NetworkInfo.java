package dev.fabric.hydra.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** L2 network status: whether the node is connected, and each configured peer ({@code host:port}) up or down. */
public record NetworkInfo(boolean networkConnected, Map<String, Boolean> peersInfo) {

    public NetworkInfo {
        peersInfo = peersInfo == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(peersInfo));
    }
}
