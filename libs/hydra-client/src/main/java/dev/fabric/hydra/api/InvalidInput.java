package dev.fabric.hydra.api;

/** The node could not parse a client input; sent only to the connection that sent it. */
public record InvalidInput(String reason, String input) implements ServerMessage, Tagged {
}
