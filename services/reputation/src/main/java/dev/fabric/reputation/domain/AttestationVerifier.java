package dev.fabric.reputation.domain;

import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.Objects;

/**
 * Checks that an attestation comes from a listed auditor: real Ed25519 (RFC 8032, the JDK's
 * {@code Ed25519} signature) over the canonical bytes ({@code dev.fabric.events.AttestationBytes}).
 */
public final class AttestationVerifier {

    private final AuditorDirectory auditors;

    public AttestationVerifier(AuditorDirectory auditors) {
        this.auditors = Objects.requireNonNull(auditors, "auditors");
    }

    /** The result: a listed auditor's valid signature, or why not. */
    public sealed interface Verification {
        record Verified(Auditor auditor) implements Verification {
        }

        record Rejected(String reason) implements Verification {
        }
    }

    public Verification verify(String auditorId, byte[] signedBytes, byte[] signature) {
        Auditor auditor = auditors.byPublicKey(auditorId).orElse(null);
        if (auditor == null) {
            return new Verification.Rejected("unknown auditor " + auditorId + ": not in the grid's auditor list");
        }
        if (signature == null || signature.length != Ed25519Keys.SIGNATURE_BYTES) {
            return new Verification.Rejected("signature must be " + Ed25519Keys.SIGNATURE_BYTES + " bytes, got "
                    + (signature == null ? "none" : signature.length));
        }
        try {
            Signature ed25519 = Signature.getInstance("Ed25519");
            ed25519.initVerify(auditor.publicKey());
            ed25519.update(signedBytes);
            if (ed25519.verify(signature)) {
                return new Verification.Verified(auditor);
            }
            return new Verification.Rejected("invalid signature by auditor " + auditor.name());
        } catch (GeneralSecurityException e) {
            // A malformed signature (e.g. S out of range) is reported by the JDK as an exception.
            return new Verification.Rejected("invalid signature by auditor " + auditor.name() + ": " + e.getMessage());
        }
    }
}
