package dev.fabric.hydra.api;

/** The ledger's reason for rejecting a transaction, as free text. */
public record ValidationError(String reason) {
}
