package dev.fabric.reputation.domain;

import java.time.Instant;

/**
 * One line of a score's explanation: an event that moved it.
 *
 * @param bidRef    the bid it concerns, null for attestations
 * @param auditorId the auditor, null unless an attestation
 */
public record EvidenceEntry(String eventId, Kind kind, Instant at, String reason, String bidRef, String auditorId) {

    public enum Kind { SUCCESS, FAILURE, ATTESTATION, WITHDRAWN }

    static EvidenceEntry of(Evidence evidence) {
        // Java 17 has no pattern switch; the sealed hierarchy keeps this chain exhaustive by review.
        if (evidence instanceof Evidence.Success s) {
            return new EvidenceEntry(s.eventId(), Kind.SUCCESS, s.at(), s.reason(), s.bidRef(), null);
        }
        if (evidence instanceof Evidence.Failure f) {
            return new EvidenceEntry(f.eventId(), Kind.FAILURE, f.at(), f.reason(), f.bidRef(), null);
        }
        if (evidence instanceof Evidence.Attested a) {
            return new EvidenceEntry(a.eventId(), Kind.ATTESTATION, a.at(), a.reason(), null, a.attestation().auditorId());
        }
        Evidence.Withdrawn w = (Evidence.Withdrawn) evidence;
        return new EvidenceEntry(w.eventId(), Kind.WITHDRAWN, w.at(), w.reason(), w.bidRef(), null);
    }
}
