package dev.fabric.hydra.api;

/** A configured L2 peer address. */
public record Host(String hostname, int port) {
}
