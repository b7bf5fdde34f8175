package dev.fabric.hydra.api;

import java.util.List;

/** The snapshot's signatures, one hex ed25519 signature per party (the schema's "base64" is wrong). */
public record MultiSignature(List<String> multiSignature) {

    public MultiSignature {
        multiSignature = List.copyOf(multiSignature);
    }
}
