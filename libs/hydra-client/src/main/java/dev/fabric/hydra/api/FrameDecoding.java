package dev.fabric.hydra.api;

/** The outcome of decoding one WebSocket text frame; decoding never throws. */
public sealed interface FrameDecoding permits FrameDecoding.Decoded, MalformedFrame {

    record Decoded(ServerMessage message) implements FrameDecoding {
    }
}
