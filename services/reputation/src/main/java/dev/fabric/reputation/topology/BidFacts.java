package dev.fabric.reputation.topology;

import dev.fabric.events.v1.award.AuctionDecision;
import dev.fabric.events.v1.deployment.DeploymentEvent;
import dev.fabric.events.v1.deployment.Failed;
import dev.fabric.events.v1.deployment.Running;
import dev.fabric.events.v1.settlement.ClaimConfirmed;
import dev.fabric.events.v1.settlement.LeaseConfirmed;
import dev.fabric.events.v1.settlement.RefundConfirmed;
import dev.fabric.events.v1.settlement.SettlementEvent;
import dev.fabric.reputation.domain.BidFact;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the bid-scoped events into {@link BidFact}s, and states the invariants a record must meet
 * to be scored at all (what {@code DeadLetterRouting} dead-letters on).
 */
final class BidFacts {

    private BidFacts() {
    }

    static Optional<BidFact> of(AuctionDecision award) {
        return Optional.of(new BidFact.Awarded(award.getEventId(), award.getBidRef(), award.getOccurredAt(),
                award.getWinnerOperatorId(), award.getDeployDeadline()));
    }

    static Optional<BidFact> of(DeploymentEvent event) {
        Object payload = event.getPayload();
        if (payload instanceof Running) {
            return Optional.of(new BidFact.DeploymentRunning(event.getEventId(), event.getBidRef(), event.getOccurredAt(),
                    event.getOperatorId()));
        }
        if (payload instanceof Failed failed) {
            return Optional.of(new BidFact.DeploymentFailed(event.getEventId(), event.getBidRef(), event.getOccurredAt(),
                    event.getOperatorId(), failed.getStage() + ": " + failed.getReason()));
        }
        // Provisioning and Terminated neither prove nor disprove delivery.
        return Optional.empty();
    }

    static Optional<BidFact> of(SettlementEvent event) {
        Object payload = event.getPayload();
        if (payload instanceof LeaseConfirmed lease) {
            return Optional.of(new BidFact.LeaseOpened(event.getEventId(), event.getBidRef(), event.getOccurredAt(),
                    lease.getOperatorId()));
        }
        if (payload instanceof ClaimConfirmed claim) {
            return Optional.of(new BidFact.LeaseClaimed(event.getEventId(), event.getBidRef(), event.getOccurredAt(),
                    claim.getOperatorId(), claim.getEarly()));
        }
        if (payload instanceof RefundConfirmed refund) {
            return Optional.of(new BidFact.LeaseRefunded(event.getEventId(), event.getBidRef(), event.getOccurredAt(),
                    refund.getReason()));
        }
        // AwardSubmitted and SettlementFailed are steps of the settlement service, not of the operator.
        return Optional.empty();
    }

    static List<String> problems(AuctionDecision award) {
        List<String> problems = common(award.getEventId(), award.getBidRef());
        if (blank(award.getWinnerOperatorId())) {
            problems.add("winnerOperatorId is blank");
        }
        if (award.getDeployDeadline().isBefore(award.getOccurredAt())) {
            problems.add("deployDeadline " + award.getDeployDeadline() + " precedes the decision at " + award.getOccurredAt());
        }
        return problems;
    }

    static List<String> problems(DeploymentEvent event) {
        List<String> problems = common(event.getEventId(), event.getBidRef());
        if (blank(event.getOperatorId())) {
            problems.add("operatorId is blank");
        }
        return problems;
    }

    static List<String> problems(SettlementEvent event) {
        List<String> problems = common(event.getEventId(), event.getBidRef());
        Object payload = event.getPayload();
        if (payload instanceof ClaimConfirmed claim && blank(claim.getOperatorId())) {
            problems.add("ClaimConfirmed.operatorId is blank");
        }
        if (payload instanceof LeaseConfirmed lease && blank(lease.getOperatorId())) {
            problems.add("LeaseConfirmed.operatorId is blank");
        }
        return problems;
    }

    private static List<String> common(String eventId, String bidRef) {
        List<String> problems = new ArrayList<>(2);
        if (blank(eventId)) {
            problems.add("eventId is blank");
        }
        if (blank(bidRef)) {
            problems.add("bidRef is blank");
        }
        return problems;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
