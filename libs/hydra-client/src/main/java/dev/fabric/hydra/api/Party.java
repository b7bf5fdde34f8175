package dev.fabric.hydra.api;

/** A head member, identified by its Hydra (ed25519) verification key in hex. */
public record Party(String vkey) {
}
