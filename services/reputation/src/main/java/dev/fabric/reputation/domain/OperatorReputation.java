package dev.fabric.reputation.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What the service remembers about one operator: the decayed evidence weights (as of
 * {@link #asOf()}), undecayed counts, the latest attestation of each auditor and the last few
 * evidence events. Immutable; {@link #apply} returns the next state.
 *
 * <p>The weights are a function of the evidence alone (never of when it was processed or of a
 * wall clock): decay to "now" happens only when a {@link Score} is evaluated. So a replay of the
 * same evidence rebuilds the same state.
 *
 * @param asOf          reference time of the weights: the latest evidence time seen
 * @param successWeight sum over successes of {@code 2^(-(asOf - t)/halfLife)}, attestations excluded
 * @param failureWeight the same over failures
 * @param recent        latest evidence first, at most {@link ScoringRules#evidenceKept()}
 * @param attestations  the newest statement of each auditor, ordered by auditor id
 */
public record OperatorReputation(String operatorId, Instant asOf, double successWeight, double failureWeight,
                                 long successes, long failures, List<EvidenceEntry> recent,
                                 List<AttestationRecord> attestations, String lastEvidenceId) {

    public OperatorReputation {
        Objects.requireNonNull(operatorId, "operatorId");
        Objects.requireNonNull(asOf, "asOf");
        recent = List.copyOf(recent);
        attestations = List.copyOf(attestations);
    }

    /** An operator nobody has said anything about yet. */
    public static OperatorReputation empty(String operatorId, Instant at) {
        return new OperatorReputation(operatorId, at, 0, 0, 0, 0, List.of(), List.of(), null);
    }

    /** The next state and whether the evidence moved the score (a superseded attestation does not). */
    public record Applied(OperatorReputation next, boolean moved) {
    }

    public Applied apply(Evidence evidence, ScoringRules rules) {
        if (!evidence.operatorId().equals(operatorId)) {
            throw new IllegalArgumentException("evidence for " + evidence.operatorId() + " applied to " + operatorId);
        }
        if (evidence instanceof Evidence.Attested attested) {
            return applyAttestation(attested, rules);
        }
        OperatorReputation rebased = rebasedTo(evidence.at(), rules.halfLife());
        double weight = rules.halfLife().factor(evidence.at().toEpochMilli(), rebased.asOf.toEpochMilli());
        double s = rebased.successWeight;
        double f = rebased.failureWeight;
        long ns = successes;
        long nf = failures;
        if (evidence instanceof Evidence.Success) {
            s += weight;
            ns++;
        } else if (evidence instanceof Evidence.Failure) {
            f += weight;
            nf++;
        } else {
            Evidence.Withdrawn withdrawn = (Evidence.Withdrawn) evidence;
            // Floating-point subtraction can leave -1e-17 where 0 is meant; a weight is never negative.
            if (withdrawn.withdrawnOutcome() == Evidence.Outcome.SUCCESS) {
                s = Math.max(0, s - weight);
                ns = Math.max(0, ns - 1);
            } else {
                f = Math.max(0, f - weight);
                nf = Math.max(0, nf - 1);
            }
        }
        return new Applied(new OperatorReputation(operatorId, rebased.asOf, s, f, ns, nf,
                withEntry(EvidenceEntry.of(evidence), rules), attestations, evidence.eventId()), true);
    }

    private Applied applyAttestation(Evidence.Attested attested, ScoringRules rules) {
        AttestationRecord incoming = attested.attestation();
        List<AttestationRecord> kept = new ArrayList<>(attestations.size() + 1);
        for (AttestationRecord existing : attestations) {
            if (!existing.auditorId().equals(incoming.auditorId())) {
                kept.add(existing);
            } else if (!incoming.supersedes(existing)) {
                // The auditor has said something newer (or exactly this) already.
                return new Applied(this, false);
            }
        }
        kept.add(incoming);
        kept.sort(Comparator.comparing(AttestationRecord::auditorId));
        OperatorReputation rebased = rebasedTo(attested.at(), rules.halfLife());
        return new Applied(new OperatorReputation(operatorId, rebased.asOf, rebased.successWeight, rebased.failureWeight,
                successes, failures, withEntry(EvidenceEntry.of(attested), rules), kept, attested.eventId()), true);
    }

    /** Moves the reference time forward to {@code at} (never backward), decaying the weights. */
    private OperatorReputation rebasedTo(Instant at, HalfLife halfLife) {
        if (!at.isAfter(asOf)) {
            return this;
        }
        double factor = halfLife.factor(asOf.toEpochMilli(), at.toEpochMilli());
        return new OperatorReputation(operatorId, at, successWeight * factor, failureWeight * factor, successes, failures,
                recent, attestations, lastEvidenceId);
    }

    private List<EvidenceEntry> withEntry(EvidenceEntry entry, ScoringRules rules) {
        List<EvidenceEntry> next = new ArrayList<>(Math.min(recent.size() + 1, rules.evidenceKept()));
        next.add(entry);
        for (int i = 0; i < recent.size() && next.size() < rules.evidenceKept(); i++) {
            next.add(recent.get(i));
        }
        return next;
    }
}
