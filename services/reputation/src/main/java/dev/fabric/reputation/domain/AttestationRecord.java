package dev.fabric.reputation.domain;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * A verified attestation as the score keeps it: who attested, what they claim, when.
 *
 * @param verdict  {@code PASSED} or {@code FAILED}
 * @param issuedAt when the auditor issued it (the attestation's occurredAt)
 * @param auditedAt when the audit took place; the prior weight decays from here
 */
public record AttestationRecord(String eventId, String auditorId, String auditorName, Verdict verdict, String region,
                                String hardwareClass, Instant auditedAt, Instant issuedAt) {

    /** Newest statement of an auditor wins; equal issue times are broken by eventId so that the
     *  choice does not depend on arrival order. */
    public static final Comparator<AttestationRecord> RECENCY =
            Comparator.comparing(AttestationRecord::issuedAt).thenComparing(AttestationRecord::eventId);

    public enum Verdict { PASSED, FAILED }

    public AttestationRecord {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(auditorId, "auditorId");
        Objects.requireNonNull(auditorName, "auditorName");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(auditedAt, "auditedAt");
        Objects.requireNonNull(issuedAt, "issuedAt");
    }

    /** Whether this statement supersedes {@code other} from the same auditor. */
    public boolean supersedes(AttestationRecord other) {
        return RECENCY.compare(this, other) > 0;
    }
}
