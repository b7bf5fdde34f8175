package dev.fabric.hydra.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A variant this client does not model (a newer node's message, or a known tag whose shape did not
 * bind). It keeps the JSON object exactly as received and serialises back to it unchanged, so
 * nothing is lost when it is logged, forwarded or re-emitted.
 */
public interface RawJson {

    ObjectNode json();
}
