package dev.fabric.hydra.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.util.List;

/**
 * The node's running context as {@code Greetings.env} reports it (≥ 1.0.0).
 *
 * @param participants      on-chain ids (key hashes, hex) of the head members
 * @param depositActivation master only; omitted when null
 * @param configuredPeers   the {@code --peer} list as one string
 */
public record Environment(
        Party party,
        List<Party> otherParties,
        List<String> participants,
        Duration contestationPeriod,
        Duration depositPeriod,
        @JsonInclude(JsonInclude.Include.NON_NULL) Duration depositActivation,
        Duration unsyncedPeriod,
        String configuredPeers) {

    public Environment {
        otherParties = otherParties == null ? List.of() : List.copyOf(otherParties);
        participants = participants == null ? List.of() : List.copyOf(participants);
    }
}
