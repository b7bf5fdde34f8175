package dev.fabric.settlement.topology;

import dev.fabric.events.UtxoRef;
import dev.fabric.events.v1.award.AuctionDecision;
import dev.fabric.events.v1.deployment.DeploymentEvent;
import dev.fabric.events.v1.deployment.Failed;
import dev.fabric.events.v1.deployment.Provisioning;
import dev.fabric.events.v1.deployment.Running;
import dev.fabric.events.v1.deployment.Terminated;
import dev.fabric.events.v1.hydra.L2Transaction;
import dev.fabric.settlement.domain.AwardMode;
import dev.fabric.settlement.domain.Decision;
import dev.fabric.settlement.domain.DeploymentSignal;
import dev.fabric.settlement.domain.SourcePosition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The input records settlement accepts, checked before anything acts on them (a record breaking a
 * rule here is dead-lettered by the topology), and their translation into domain terms.
 */
public final class SettlementInputs {

    private static final Pattern KEY_HASH = Pattern.compile("[0-9a-f]{56}");

    private SettlementInputs() {
    }

    public static List<String> decisionProblems(AuctionDecision d) {
        List<String> problems = new ArrayList<>();
        ref(problems, "bidRef", d.getBidRef());
        if (d.getMode() == null || d.getMode() == dev.fabric.events.v1.common.ModeKind.UNKNOWN) {
            problems.add("mode is " + d.getMode() + ", settlement knows RACE, AUCTION and REPUTATION");
        }
        keyHash(problems, "winnerOperatorId", d.getWinnerOperatorId());
        keyHash(problems, "appPkh", d.getAppPkh());
        if (d.getArbiter() != null) {
            keyHash(problems, "arbiter", d.getArbiter());
        }
        if (d.getPrice() <= 0) {
            problems.add("price must be positive lovelace, got " + d.getPrice());
        }
        boolean race = d.getMode() == dev.fabric.events.v1.common.ModeKind.RACE;
        if (!race && d.getWinnerOfferRef() == null) {
            problems.add(d.getMode() + " decision names no winnerOfferRef");
        }
        if (d.getWinnerOfferRef() != null) {
            ref(problems, "winnerOfferRef", d.getWinnerOfferRef());
        }
        if (d.getLeaseRef() != null) {
            ref(problems, "leaseRef", d.getLeaseRef());
        }
        if (d.getOccurredAt() == null || d.getDeployDeadline() == null) {
            problems.add("occurredAt and deployDeadline are required");
        }
        return problems;
    }

    public static Decision decision(AuctionDecision d, SourcePosition source) {
        AwardMode mode = switch (d.getMode()) {
            case RACE -> AwardMode.RACE;
            case AUCTION -> AwardMode.AUCTION;
            case REPUTATION -> AwardMode.REPUTATION;
            default -> throw new IllegalArgumentException("mode " + d.getMode());
        };
        return new Decision(d.getEventId(), d.getBidRef(), mode, d.getWinnerOperatorId(), Optional.ofNullable(d.getWinnerOfferRef()),
                d.getPrice(), d.getAppPkh(), Optional.ofNullable(d.getArbiter()), Optional.ofNullable(d.getLeaseRef()),
                d.getOccurredAt(), d.getDeployDeadline(), source);
    }

    public static List<String> deploymentProblems(DeploymentEvent e) {
        List<String> problems = new ArrayList<>();
        ref(problems, "bidRef", e.getBidRef());
        keyHash(problems, "operatorId", e.getOperatorId());
        Object payload = e.getPayload();
        if (!(payload instanceof Provisioning || payload instanceof Running || payload instanceof Failed || payload instanceof Terminated)) {
            problems.add("unknown deployment payload " + (payload == null ? "null" : payload.getClass().getSimpleName()));
        }
        return problems;
    }

    public static DeploymentSignal deployment(DeploymentEvent e) {
        Object payload = e.getPayload();
        DeploymentSignal.Status status;
        String detail;
        if (payload instanceof Running running) {
            status = DeploymentSignal.Status.RUNNING;
            detail = "namespace " + running.getNamespace() + ", " + running.getReadyReplicas() + " ready";
        } else if (payload instanceof Failed failed) {
            status = DeploymentSignal.Status.FAILED;
            detail = failed.getStage() + ": " + failed.getReason();
        } else if (payload instanceof Terminated terminated) {
            status = DeploymentSignal.Status.TERMINATED;
            detail = String.valueOf(terminated.getReason());
        } else {
            status = DeploymentSignal.Status.PROVISIONING;
            detail = "namespace " + ((Provisioning) payload).getNamespace();
        }
        return new DeploymentSignal(e.getBidRef(), e.getEventId(), e.getOperatorId(), status, detail, e.getOccurredAt());
    }

    public static List<String> l2Problems(L2Transaction tx) {
        List<String> problems = new ArrayList<>();
        if (tx.getTxId() == null || !tx.getTxId().matches("[0-9a-f]{64}")) {
            problems.add("txId must be 64 lowercase hex characters, got " + tx.getTxId());
        }
        if (tx.getCbor() == null || !tx.getCbor().hasRemaining()) {
            problems.add("cbor is empty");
        }
        for (String input : tx.getInputs()) {
            ref(problems, "input", input);
        }
        return problems;
    }

    private static void ref(List<String> problems, String field, String value) {
        try {
            UtxoRef.parse(value);
        } catch (IllegalArgumentException e) {
            problems.add(field + ": " + e.getMessage());
        }
    }

    private static void keyHash(List<String> problems, String field, String value) {
        if (value == null || !KEY_HASH.matcher(value).matches()) {
            problems.add(field + " must be a 28-byte key hash in lowercase hex, got " + value);
        }
    }
}
