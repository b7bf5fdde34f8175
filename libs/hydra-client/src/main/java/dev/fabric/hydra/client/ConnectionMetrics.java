package dev.fabric.hydra.client;

/**
 * Counters of one {@link HeadConnection} since it was created, across reconnects.
 *
 * @param connectionsOpened WebSocket handshakes that succeeded
 * @param framesReceived    text and binary frames, whatever their content
 * @param outputsDelivered  timed server outputs passed to listeners after de-duplication
 * @param duplicatesDropped timed outputs dropped because their {@code seq} was not above the last one
 * @param malformedFrames   frames that were not hydra-node messages, skipped
 * @param unknownMessages   messages delivered in an {@code Unknown} form (new tags, shapes that did not bind)
 * @param listenerFailures  exceptions thrown by listeners (caught; the read loop goes on)
 * @param pingsReceived     server pings (the JDK answers each with a pong)
 * @param lastSeq           the highest {@code seq} delivered, or -1 before the first
 */
public record ConnectionMetrics(
        long connectionsOpened,
        long framesReceived,
        long outputsDelivered,
        long duplicatesDropped,
        long malformedFrames,
        long unknownMessages,
        long listenerFailures,
        long pingsReceived,
        long lastSeq) {
}
