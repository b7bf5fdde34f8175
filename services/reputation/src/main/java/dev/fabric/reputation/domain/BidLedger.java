package dev.fabric.reputation.domain;

import dev.fabric.events.EventIds;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Decides what a bid's history says about its operator (DESIGN.md beside this class, "Verdicts").
 *
 * <p>The verdicts are a pure function of the facts kept in {@link BidState} (the earliest of each
 * kind) and of one monotone observation, "the deploy deadline plus grace has passed". After every
 * fact or observation the verdicts are recomputed and compared with what was already sent: new
 * verdicts go out as evidence, verdicts that no longer hold go out as {@link Evidence.Withdrawn}.
 * So the evidence an operator ends up with does not depend on the order the topics delivered in.
 */
public final class BidLedger {

    private BidLedger() {
    }

    /**
     * The outcome of one step: the next state, the evidence to send and, when the fact contradicts
     * what the bid already established, the reason it was rejected (the state is then unchanged).
     */
    public record Step(BidState state, List<Evidence> evidence, String rejection) {

        public Step {
            Objects.requireNonNull(state, "state");
            evidence = List.copyOf(evidence);
        }

        public boolean rejected() {
            return rejection != null;
        }

        static Step reject(BidState state, String reason) {
            return new Step(state, List.of(), reason);
        }
    }

    /** Id of the failure declared when a bid had no Running by its deploy deadline. */
    public static String deadlineMissId(String bidRef) {
        return EventIds.of("DeployDeadlineMissed", bidRef);
    }

    /** Folds one fact into the bid's state ({@code state} null for a bid not seen before). */
    public static Step apply(BidState state, BidFact fact) {
        BidState current = state != null ? state : BidState.first(fact.bidRef(), fact.at());
        if (!current.bidRef().equals(fact.bidRef())) {
            throw new IllegalArgumentException("fact for " + fact.bidRef() + " applied to " + current.bidRef());
        }
        String bound = current.boundOperatorId();
        BidState next;
        if (fact instanceof BidFact.Awarded awarded) {
            if (current.award() != null) {
                if (current.award().eventId().equals(awarded.eventId())) {
                    return new Step(current, List.of(), null);
                }
                return Step.reject(current, "bid " + fact.bidRef() + " was already awarded to " + current.award().operatorId()
                        + " by event " + current.award().eventId());
            }
            if (current.leaseOperatorId() != null && !current.leaseOperatorId().equals(awarded.operatorId())) {
                return Step.reject(current, "award names " + awarded.operatorId() + " but the lease on the head binds "
                        + current.leaseOperatorId());
            }
            next = current.withAward(new BidState.Award(awarded.eventId(), awarded.operatorId(), awarded.deployDeadline()));
        } else if (fact instanceof BidFact.LeaseOpened lease) {
            if (bound != null && !bound.equals(lease.operatorId())) {
                return Step.reject(current, "lease names " + lease.operatorId() + " but the bid binds " + bound);
            }
            next = current.withLeaseOperator(lease.operatorId());
        } else if (fact instanceof BidFact.DeploymentRunning running) {
            if (bound != null && !bound.equals(running.operatorId())) {
                return Step.reject(current, "deployment reported by " + running.operatorId() + " for a bid bound to " + bound);
            }
            next = current.withRunning(BidState.earliest(current.running(),
                    new BidState.Observation(running.eventId(), running.at(), running.operatorId(), null)));
        } else if (fact instanceof BidFact.DeploymentFailed failed) {
            if (bound != null && !bound.equals(failed.operatorId())) {
                return Step.reject(current, "deployment reported by " + failed.operatorId() + " for a bid bound to " + bound);
            }
            next = current.withFailed(BidState.earliest(current.failed(),
                    new BidState.Observation(failed.eventId(), failed.at(), failed.operatorId(), failed.reason())));
        } else if (fact instanceof BidFact.LeaseClaimed claimed) {
            if (bound != null && !bound.equals(claimed.operatorId())) {
                return Step.reject(current, "claim by " + claimed.operatorId() + " for a bid bound to " + bound);
            }
            if (claimed.early()) {
                // Only a claim after the full lease proves delivery (issue W1-06); an early claim is neutral.
                return new Step(current, List.of(), null);
            }
            next = current.withClaim(BidState.earliest(current.claim(),
                    new BidState.Observation(claimed.eventId(), claimed.at(), claimed.operatorId(), null)));
        } else {
            BidFact.LeaseRefunded refunded = (BidFact.LeaseRefunded) fact;
            next = current.withRefund(BidState.earliest(current.refund(),
                    new BidState.Observation(refunded.eventId(), refunded.at(), null, refunded.reason())));
        }
        return settle(next);
    }

    /**
     * Tells the bid that time has reached {@code observedAt} (stream time or the wall clock). Once
     * that is past the deploy deadline plus {@code grace} with no Running, the operator missed it.
     */
    public static Step observe(BidState state, Instant observedAt, Duration grace) {
        if (state.award() == null || state.deadlinePassed()
                || !observedAt.isAfter(state.award().deployDeadline().plus(grace))) {
            return new Step(state, List.of(), null);
        }
        return settle(state.withDeadlinePassed());
    }

    /** The deadline-miss check instant of a bid, or null when it has no award. */
    public static Instant deadlineCheckAt(BidState state, Duration grace) {
        return state.award() == null ? null : state.award().deployDeadline().plus(grace);
    }

    /** The verdicts the facts support now, as Success/Failure evidence. */
    static List<BidState.Emitted> verdicts(BidState state) {
        String operator = state.operatorId();
        List<BidState.Emitted> verdicts = new ArrayList<>(3);
        if (operator == null) {
            return verdicts;
        }
        BidState.Award award = state.award();
        if (award != null) {
            deployVerdicts(state, award, verdicts);
        }
        if (state.claim() != null && operator.equals(state.claim().operatorId())) {
            verdicts.add(new BidState.Emitted(state.claim().eventId(), operator, Evidence.Outcome.SUCCESS, state.claim().at(),
                    "lease completed and claimed"));
        }
        if (state.refund() != null) {
            verdicts.add(new BidState.Emitted(state.refund().eventId(), operator, Evidence.Outcome.FAILURE, state.refund().at(),
                    "lease refunded to the application: " + state.refund().reason()));
        }
        return verdicts;
    }

    private static void deployVerdicts(BidState state, BidState.Award award, List<BidState.Emitted> out) {
        String operator = award.operatorId();
        Instant deadline = award.deployDeadline();
        String missId = deadlineMissId(state.bidRef());
        BidState.Observation running = byOperator(state.running(), operator);
        BidState.Observation failed = byOperator(state.failed(), operator);
        // The earliest report decides; a failure reported at the same instant as Running wins (conservative).
        boolean failedFirst = failed != null && (running == null || !failed.at().isAfter(running.at()));
        if (running != null && !failedFirst) {
            if (!running.at().isAfter(deadline)) {
                out.add(new BidState.Emitted(running.eventId(), operator, Evidence.Outcome.SUCCESS, running.at(),
                        "workload running at " + running.at() + ", deploy deadline " + deadline));
                if (failed != null) {
                    out.add(new BidState.Emitted(failed.eventId(), operator, Evidence.Outcome.FAILURE, failed.at(),
                            "workload failed after running: " + failed.reason()));
                }
            } else {
                out.add(new BidState.Emitted(missId, operator, Evidence.Outcome.FAILURE, deadline,
                        "workload running only at " + running.at() + ", after the deploy deadline " + deadline));
            }
        } else if (failedFirst) {
            if (!failed.at().isAfter(deadline)) {
                out.add(new BidState.Emitted(failed.eventId(), operator, Evidence.Outcome.FAILURE, failed.at(),
                        "deployment failed: " + failed.reason()));
            } else {
                out.add(new BidState.Emitted(missId, operator, Evidence.Outcome.FAILURE, deadline,
                        "not running by the deploy deadline " + deadline + " (failed at " + failed.at() + ": " + failed.reason() + ")"));
            }
        } else if (state.deadlinePassed()) {
            out.add(new BidState.Emitted(missId, operator, Evidence.Outcome.FAILURE, deadline,
                    "no Running reported by the deploy deadline " + deadline));
        }
    }

    private static BidState.Observation byOperator(BidState.Observation observation, String operator) {
        // A report stored before the award named its winner counts only if it came from the winner.
        return observation != null && operator.equals(observation.operatorId()) ? observation : null;
    }

    /** Recomputes the verdicts and sends the difference to what was already sent. */
    private static Step settle(BidState state) {
        List<BidState.Emitted> wanted = verdicts(state);
        List<Evidence> out = new ArrayList<>();
        for (BidState.Emitted sent : state.emitted()) {
            if (!containsSame(wanted, sent)) {
                out.add(new Evidence.Withdrawn(EventIds.of("EvidenceWithdrawn", sent.eventId(), sent.operatorId()),
                        sent.operatorId(), sent.at(), state.bidRef(), sent.eventId(), sent.outcome(),
                        "withdrawn: " + sent.reason() + " (later facts about bid " + state.bidRef() + " changed the verdict)"));
            }
        }
        for (BidState.Emitted verdict : wanted) {
            if (!containsSame(state.emitted(), verdict)) {
                out.add(verdict.outcome() == Evidence.Outcome.SUCCESS
                        ? new Evidence.Success(verdict.eventId(), verdict.operatorId(), verdict.at(), state.bidRef(), verdict.reason())
                        : new Evidence.Failure(verdict.eventId(), verdict.operatorId(), verdict.at(), state.bidRef(), verdict.reason()));
            }
        }
        if (out.isEmpty()) {
            return new Step(state, List.of(), null);
        }
        // Keep what was sent, with the reason it was first sent under (the explanation already shows it).
        List<BidState.Emitted> nowSent = new ArrayList<>();
        for (BidState.Emitted verdict : wanted) {
            BidState.Emitted previous = find(state.emitted(), verdict);
            nowSent.add(previous != null ? previous : verdict);
        }
        return new Step(state.withEmitted(nowSent), out, null);
    }

    private static boolean containsSame(List<BidState.Emitted> list, BidState.Emitted e) {
        return find(list, e) != null;
    }

    private static BidState.Emitted find(List<BidState.Emitted> list, BidState.Emitted e) {
        for (BidState.Emitted candidate : list) {
            if (candidate.eventId().equals(e.eventId()) && candidate.operatorId().equals(e.operatorId())
                    && candidate.outcome() == e.outcome() && candidate.at().equals(e.at())) {
                return candidate;
            }
        }
        return null;
    }
}
