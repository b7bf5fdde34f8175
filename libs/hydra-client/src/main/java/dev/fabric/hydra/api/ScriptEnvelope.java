package dev.fabric.hydra.api;

/** A script in the text-envelope form: {@code type} is e.g. {@code SimpleScript} or {@code PlutusScriptV3}. */
public record ScriptEnvelope(String cborHex, String description, String type) {
}
