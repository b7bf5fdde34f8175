package dev.fabric.reputation.topology;

import dev.fabric.events.AttestationBytes;
import dev.fabric.events.v1.reputation.Attestation;
import dev.fabric.events.v1.reputation.AttestationClaims;
import dev.fabric.events.v1.reputation.AttestationVerdict;
import dev.fabric.reputation.domain.AttestationRecord;
import dev.fabric.reputation.domain.AttestationVerifier;
import dev.fabric.reputation.domain.Auditor;
import dev.fabric.reputation.domain.AuditorDirectory;
import dev.fabric.reputation.domain.Evidence;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decides whether an attestation may count: a known auditor's valid Ed25519 signature over the
 * canonical bytes, a verdict that carries weight, an audit not dated after the attestation.
 */
final class AttestationAdmission {

    private final AuditorDirectory auditors;
    private final AttestationVerifier verifier;

    AttestationAdmission(AuditorDirectory auditors) {
        this.auditors = auditors;
        this.verifier = new AttestationVerifier(auditors);
    }

    /** Why the attestation cannot count (empty when it can). */
    List<String> problems(Attestation attestation) {
        List<String> problems = new ArrayList<>(2);
        AttestationClaims claims = attestation.getClaims();
        if (claims.getVerdict() != AttestationVerdict.PASSED && claims.getVerdict() != AttestationVerdict.FAILED) {
            problems.add("verdict " + claims.getVerdict() + " carries no weight (expected PASSED or FAILED)");
        }
        if (claims.getAuditedAt().isAfter(attestation.getOccurredAt())) {
            problems.add("audited at " + claims.getAuditedAt() + ", after the attestation was issued at " + attestation.getOccurredAt());
        }
        if (attestation.getOperatorId() == null || attestation.getOperatorId().isBlank()) {
            problems.add("operatorId is blank");
        }
        AttestationVerifier.Verification verification = verifier.verify(attestation.getAuditorId(),
                AttestationBytes.canonical(attestation), bytes(attestation.getSignature()));
        if (verification instanceof AttestationVerifier.Verification.Rejected rejected) {
            problems.add(rejected.reason());
        }
        return problems;
    }

    /** The evidence of an attestation that passed {@link #problems}. */
    Evidence.Attested evidence(Attestation attestation) {
        AttestationClaims claims = attestation.getClaims();
        String auditorId = attestation.getAuditorId().toLowerCase(Locale.ROOT);
        String auditorName = auditors.byPublicKey(auditorId).map(Auditor::name).orElse(auditorId);
        AttestationRecord.Verdict verdict = claims.getVerdict() == AttestationVerdict.PASSED
                ? AttestationRecord.Verdict.PASSED : AttestationRecord.Verdict.FAILED;
        AttestationRecord record = new AttestationRecord(attestation.getEventId(), auditorId, auditorName, verdict,
                claims.getRegion(), claims.getHardwareClass(), claims.getAuditedAt(), attestation.getOccurredAt());
        String reason = "attestation by " + auditorName + ": " + verdict
                + (claims.getRegion() != null ? ", region " + claims.getRegion() : "")
                + (claims.getHardwareClass() != null ? ", hardware " + claims.getHardwareClass() : "")
                + ", audited " + claims.getAuditedAt();
        return new Evidence.Attested(attestation.getEventId(), attestation.getOperatorId(), attestation.getOccurredAt(), record, reason);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }
}
