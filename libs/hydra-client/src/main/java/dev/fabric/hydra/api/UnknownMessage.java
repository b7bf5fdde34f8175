package dev.fabric.hydra.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A message without {@code seq} whose tag this client does not know (a newer node's client message),
 * or whose known shape did not bind. Kept as received.
 */
public record UnknownMessage(String tag, ObjectNode json) implements ServerMessage, RawJson {
}
