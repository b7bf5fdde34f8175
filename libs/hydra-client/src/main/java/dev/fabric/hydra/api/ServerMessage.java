package dev.fabric.hydra.api;

/**
 * Anything hydra-node sends on its WebSocket, as {@link HydraMessageCodec} decodes it:
 * <ul>
 *   <li>{@link TimedServerOutput}: a persisted output, with {@code seq} and {@code timestamp};
 *       replayed with {@code history=yes}, and what clients de-duplicate by {@code seq};</li>
 *   <li>{@link Greetings}: per connection, after the history replay, no {@code seq};</li>
 *   <li>{@link ClientMessage}: broadcast to every client, never persisted, no {@code seq};</li>
 *   <li>{@link InvalidInput}: only to the connection whose input did not parse;</li>
 *   <li>{@link UnknownMessage}: a tag without {@code seq} this client does not know.</li>
 * </ul>
 */
public sealed interface ServerMessage permits TimedServerOutput, Greetings, ClientMessage, InvalidInput, UnknownMessage {
}
