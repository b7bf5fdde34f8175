package dev.fabric.hydra.api;

/**
 * A reference script carried by an output; {@code scriptLanguage} is e.g.
 * {@code SimpleScriptLanguage} or {@code PlutusScriptLanguage PlutusScriptV3}.
 */
public record ReferenceScript(String scriptLanguage, ScriptEnvelope script) {
}
