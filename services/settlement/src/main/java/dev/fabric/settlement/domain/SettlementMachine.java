package dev.fabric.settlement.domain;

import dev.fabric.settlement.domain.BidSettlement.Closure;
import dev.fabric.settlement.domain.BidSettlement.Failure;
import dev.fabric.settlement.domain.BidSettlement.LeaseRecord;
import dev.fabric.settlement.domain.ChainFact.BidClosed;
import dev.fabric.settlement.domain.ChainFact.LeaseCreated;
import dev.fabric.settlement.domain.ChainFact.LeaseSpend;
import dev.fabric.settlement.domain.ChainFact.LeaseSpent;
import dev.fabric.settlement.domain.SettlementInput.Answered;
import dev.fabric.settlement.domain.SettlementInput.Decided;
import dev.fabric.settlement.domain.SettlementInput.Deployed;
import dev.fabric.settlement.domain.SettlementInput.Inspected;
import dev.fabric.settlement.domain.SettlementInput.Observed;
import dev.fabric.settlement.domain.SettlementInput.Tick;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The settlement of one bid as a pure function: {@code (state, input, now) -> step}. No I/O: the
 * head work it wants done comes out as {@link Command}s, and their answers go back in as inputs.
 *
 * <p>The rules, in short (DESIGN.md has the diagram):
 * <ul>
 *   <li>an auction/reputation decision starts the Award; a race decision only waits for the lease;</li>
 *   <li>{@code LeaseConfirmed}, {@code ClaimConfirmed}, {@code RefundConfirmed} come only from
 *       confirmed chain facts, whoever's transaction it was;</li>
 *   <li>a failed deployment, or none running by the deploy deadline, starts the Refund;</li>
 *   <li>once built, a transaction's bytes are kept and only ever resubmitted, never rebuilt;</li>
 *   <li>{@code BadInputsUTxO} and silence are judged against the head's confirmed UTxO before
 *       anything is called a failure; transient errors back off and retry.</li>
 * </ul>
 */
public final class SettlementMachine {

    private final SettlementTimings timings;

    public SettlementMachine(SettlementTimings timings) {
        this.timings = Objects.requireNonNull(timings, "timings");
    }

    public SettlementTimings timings() {
        return timings;
    }

    public Step apply(BidSettlement state, SettlementInput input, Instant now) {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(now, "now");
        Turn turn = new Turn(state, now);
        if (input instanceof Decided decided) {
            decided(turn, decided.decision());
        } else if (input instanceof Observed observed) {
            observed(turn, observed.fact());
        } else if (input instanceof Deployed deployed) {
            deployed(turn, deployed.signal());
        } else if (input instanceof Tick) {
            tick(turn);
        } else if (input instanceof Answered answered) {
            answered(turn, answered.purpose(), answered.answer());
        } else if (input instanceof Inspected inspected) {
            inspected(turn, inspected);
        } else {
            throw new IllegalArgumentException("unknown input " + input);
        }
        return turn.finish();
    }

    // ------------------------------------------------------------------ decisions

    private void decided(Turn turn, Decision decision) {
        BidSettlement s = turn.state;
        if (s.decision().isPresent()) {
            Decision known = s.decision().get();
            if (known.eventId().equals(decision.eventId()) || known.awardsSameAs(decision)) {
                turn.notice(Notice.Kind.DUPLICATE_DECISION, "decision " + decision.eventId() + " for " + s.bidRef() + " again");
            } else {
                turn.notice(Notice.Kind.CONFLICTING_DECISION, s.bidRef());
                turn.rejections.add(Rejection.ofCurrent("conflicting decision for " + s.bidRef() + ": already settling "
                        + describe(known) + ", this one names " + describe(decision)));
            }
            return;
        }
        turn.state = s.withDecision(decision);
        if (s.lease().isPresent()) {
            checkAgainstLease(turn, decision, s.lease().get().terms());
            refundIfDeploymentFailed(turn);
            return;
        }
        if (!decision.mode().needsAwardTransaction()) {
            return; // race: the accept's lease will be read from the chain
        }
        if (s.closedBy().isPresent()) {
            failStep(turn, TxPurpose.AWARD, "the bid was spent without a lease by " + s.closedBy().get()
                    + " (cancelled by its app) before it could be awarded", Optional.empty());
            return;
        }
        if (decision.arbiter().isEmpty()) {
            failStep(turn, TxPurpose.AWARD, "the bid names no arbiter, so only its app can sign the Award", Optional.empty());
            return;
        }
        turn.commands.add(new Command.SubmitAward(decision));
    }

    private static void checkAgainstLease(Turn turn, Decision decision, LeaseTerms lease) {
        if (!lease.operatorId().equals(decision.operatorId()) || lease.price() != decision.price()) {
            turn.notice(Notice.Kind.DECISION_CHAIN_MISMATCH, decision.bidRef() + ": decision names " + decision.operatorId()
                    + " at " + decision.price() + " but the confirmed lease is " + lease.operatorId() + " at " + lease.price());
        }
    }

    // ------------------------------------------------------------------ chain facts

    private void observed(Turn turn, ChainFact fact) {
        if (fact instanceof LeaseCreated created) {
            leaseCreated(turn, created);
        } else if (fact instanceof LeaseSpent spent) {
            leaseSpent(turn, spent);
        } else if (fact instanceof BidClosed closed) {
            bidClosed(turn, closed);
        }
    }

    private void leaseCreated(Turn turn, LeaseCreated created) {
        BidSettlement s = turn.state;
        if (s.lease().isPresent()) {
            turn.notice(Notice.Kind.DUPLICATE_FACT, "lease " + created.lease().leaseRef() + " for " + s.bidRef()
                    + (s.lease().get().terms().leaseRef().equals(created.lease().leaseRef()) ? " again"
                    : " while " + s.lease().get().terms().leaseRef() + " is known"));
            return;
        }
        turn.state = s.withLease(new LeaseRecord(created.lease(), created.origin(), created.at())).withRetry(0, Optional.empty());
        Optional<TxProgress> award = s.award();
        if (s.decision().isPresent() && award.isPresent() && !award.get().announced()
                && award.get().txId().filter(id -> id.equals(created.at().txId())).isPresent()) {
            // Our own Award, taken by the head without our noticing (e.g. submitted before a crash).
            announce(turn, s.decision().get(), created.at().txId(), created.at().occurredAt());
        }
        turn.publications.add(new Publication.LeaseConfirmed(created.lease(), created.origin(), created.at()));
        s.decision().ifPresent(decision -> checkAgainstLease(turn, decision, created.lease()));
        refundIfDeploymentFailed(turn);
    }

    private void leaseSpent(Turn turn, LeaseSpent spent) {
        BidSettlement s = turn.state;
        if (s.closure().isPresent()) {
            turn.notice(Notice.Kind.DUPLICATE_FACT, "spend of lease " + spent.lease().leaseRef() + " again");
            return;
        }
        if (s.lease().isEmpty()) {
            s = s.withLease(new LeaseRecord(spent.lease(), ChainFact.LeaseOrigin.UNKNOWN, spent.at()));
        }
        turn.state = s.withClosure(new Closure(spent.spend(), spent.at().txId(), spent.amount(), spent.at().occurredAt()));
        if (spent.spend() == LeaseSpend.CLAIM) {
            turn.publications.add(new Publication.ClaimConfirmed(spent.lease(), spent.amount(), spent.early(), spent.at()));
        } else {
            turn.publications.add(new Publication.RefundConfirmed(spent.lease(), spent.amount(), refundCause(s, spent), spent.at()));
        }
    }

    private String refundCause(BidSettlement s, LeaseSpent spent) {
        boolean ours = s.refund().flatMap(TxProgress::txId).filter(spent.at().txId()::equals).isPresent();
        if (s.refundReason().isPresent()) {
            return s.refundReason().get() + (ours ? "" : " (refund confirmed by " + spent.at().txId() + ")");
        }
        if (s.deployment().failed()) {
            return "deployment failed: " + s.deployment().failure().orElse("");
        }
        return "refunded on the head without this service (signed by the app and the operator)";
    }

    private void bidClosed(Turn turn, BidClosed closed) {
        BidSettlement s = turn.state;
        if (s.lease().isPresent() || s.closedBy().isPresent()) {
            turn.notice(Notice.Kind.DUPLICATE_FACT, "bid " + s.bidRef() + " closed by " + closed.at().txId());
            return;
        }
        boolean awarding = awardWanted(s);
        turn.state = s.withClosedBy(closed.at().txId());
        if (awarding) {
            failStep(turn, TxPurpose.AWARD, "the bid was spent without a lease by " + closed.at().txId()
                    + " (cancelled by its app)", s.award().flatMap(TxProgress::txId));
        }
    }

    // ------------------------------------------------------------------ deployments

    private void deployed(Turn turn, DeploymentSignal signal) {
        BidSettlement s = turn.state;
        Optional<String> winner = s.lease().map(l -> l.terms().operatorId()).or(() -> s.decision().map(Decision::operatorId));
        if (winner.isPresent() && !winner.get().equals(signal.operatorId())) {
            turn.rejections.add(Rejection.ofCurrent("deployment event " + signal.eventId() + " from operator " + signal.operatorId()
                    + " for " + s.bidRef() + ", which " + winner.get() + " won"));
            return;
        }
        turn.state = s.withDeployment(s.deployment().with(signal));
        if (signal.status() == DeploymentSignal.Status.RUNNING && s.refundReason().isPresent() && s.closure().isEmpty()) {
            turn.notice(Notice.Kind.LATE_RUNNING, s.bidRef() + " reported running after the refund started ("
                    + s.refundReason().get() + ")");
        }
        if (signal.status() == DeploymentSignal.Status.FAILED) {
            refundIfDeploymentFailed(turn);
        }
    }

    private void refundIfDeploymentFailed(Turn turn) {
        BidSettlement s = turn.state;
        if (s.deployment().failed() && refundMayStart(s)) {
            startRefund(turn, "deployment failed: " + s.deployment().failure().orElse(""));
        }
    }

    private static boolean refundMayStart(BidSettlement s) {
        return s.lease().isPresent() && s.closure().isEmpty() && s.refundReason().isEmpty() && s.refundFailure().isEmpty();
    }

    private static void startRefund(Turn turn, String reason) {
        BidSettlement s = turn.state;
        turn.state = s.withRefund(null, reason).withRetry(0, Optional.empty());
        turn.commands.add(new Command.SubmitRefund(s.lease().orElseThrow().terms()));
    }

    // ------------------------------------------------------------------ time

    private void tick(Turn turn) {
        BidSettlement s = turn.state;
        Instant now = turn.now;
        if (s.settled()) {
            if (s.settledAt().map(at -> !at.plus(timings.settledRetention()).isAfter(now)).orElse(false)) {
                turn.forget = true;
            }
            return;
        }
        if (awardWanted(s)) {
            advance(turn, TxPurpose.AWARD, () -> new Command.SubmitAward(s.decision().orElseThrow()));
            return;
        }
        if (refundActive(s)) {
            if (s.refundReason().isEmpty()) {
                Optional<Instant> due = refundDue(s);
                if (due.isPresent() && !due.get().isAfter(now)) {
                    startRefund(turn, "deployment not running by its deadline "
                            + refundDeadline(s).map(Instant::toString).orElse("?"));
                }
                return;
            }
            advance(turn, TxPurpose.REFUND, () -> new Command.SubmitRefund(s.lease().orElseThrow().terms()));
        }
    }

    /** Moves an Award or Refund along when its time came: retry, inspect the head, or give up waiting. */
    private void advance(Turn turn, TxPurpose purpose, java.util.function.Supplier<Command> build) {
        BidSettlement s = turn.state;
        Instant now = turn.now;
        Optional<TxProgress> progress = s.progress(purpose);
        if (s.retryAt().isPresent()) {
            if (s.retryAt().get().isAfter(now)) {
                return;
            }
            if (progress.isEmpty() || progress.get().tx().isEmpty()) {
                turn.commands.add(build.get());
            } else if (progress.get().status() == TxProgress.Status.BUILT) {
                turn.commands.add(new Command.Resubmit(purpose, progress.get().tx().get()));
            } else {
                turn.commands.add(new Command.Inspect(purpose, progress.get().tx().get()));
            }
            return;
        }
        if (progress.isEmpty()) {
            return;
        }
        TxProgress p = progress.get();
        switch (p.status()) {
            case SUBMITTED -> {
                Instant last = p.lastSubmittedAt().orElse(p.since());
                if (!last.plus(timings.confirmTimeout()).isAfter(now)) {
                    turn.commands.add(new Command.Inspect(purpose, p.tx().orElseThrow()));
                }
            }
            case AWAITING_CHAIN -> {
                if (!p.since().plus(timings.chainGrace()).isAfter(now)) {
                    String what = purpose == TxPurpose.AWARD ? "the bid" : "the lease";
                    failStep(turn, purpose, what + " left the head's UTxO but no confirmed transaction settling it arrived within "
                            + timings.chainGrace() + (p.tx().isPresent() ? " (ours: " + p.tx().get().txId() + ")" : ""), p.txId());
                }
            }
            case BUILT -> turn.commands.add(new Command.Resubmit(purpose, p.tx().orElseThrow()));
        }
    }

    // ------------------------------------------------------------------ head answers

    private void answered(Turn turn, TxPurpose purpose, HeadAnswer answer) {
        BidSettlement s = turn.state;
        if (!stillWanted(s, purpose)) {
            return; // the chain settled the step meanwhile; the answer no longer matters
        }
        Optional<TxProgress> progress = s.progress(purpose);
        Instant now = turn.now;
        if (answer instanceof HeadAnswer.Accepted accepted) {
            tookIt(turn, purpose, accepted.tx(), true);
        } else if (answer instanceof HeadAnswer.Conflicted conflicted) {
            switch (conflicted.check()) {
                case CONFIRMED -> tookIt(turn, purpose, conflicted.tx(), true);
                // Our bytes (resubmitted) or a rival are pending on the node: wait and look again.
                case PENDING -> tookIt(turn, purpose, conflicted.tx(), false);
                case SPENT_ELSEWHERE -> turn.state = s.withProgress(purpose,
                        progress.orElse(TxProgress.built(conflicted.tx(), now)).waitingForChain(now)).withRetry(0, Optional.empty());
            }
        } else if (answer instanceof HeadAnswer.InputMissing missing) {
            turn.state = s.withProgress(purpose, progress.map(p -> p.waitingForChain(now))
                    .orElse(TxProgress.awaitingChain(Optional.empty(), now))).withRetry(0, Optional.empty());
        } else if (answer instanceof HeadAnswer.Refused refused) {
            failStep(turn, purpose, refused.reason(), refused.tx().map(PreparedTx::txId).or(() -> progress.flatMap(TxProgress::txId)));
        } else if (answer instanceof HeadAnswer.Unavailable unavailable) {
            TxProgress kept = progress.orElse(null);
            if (kept == null && unavailable.tx().isPresent()) {
                kept = TxProgress.built(unavailable.tx().get(), now);
            }
            retryLater(turn, purpose, kept, unavailable.reason());
        }
    }

    private void tookIt(Turn turn, TxPurpose purpose, PreparedTx tx, boolean announce) {
        BidSettlement s = turn.state;
        TxProgress progress = s.progress(purpose).orElse(TxProgress.built(tx, turn.now)).submitted(tx, turn.now);
        if (purpose == TxPurpose.AWARD && announce && !progress.announced()) {
            announce(turn, s.decision().orElseThrow(), tx.txId(), turn.now);
            progress = progress.withAnnounced();
        }
        if (progress.submissions() > 1) {
            turn.notice(Notice.Kind.RESUBMITTED, purpose + " " + tx.txId() + " for " + s.bidRef() + " handed to the head again");
        }
        turn.state = s.withProgress(purpose, progress).withRetry(0, Optional.empty());
    }

    private static void announce(Turn turn, Decision decision, String txId, Instant at) {
        turn.publications.add(new Publication.AwardSubmitted(decision.bidRef(), txId, decision.offerRef().orElseThrow(),
                decision.operatorId(), decision.price(), decision.eventId(), at));
        turn.state.award().ifPresent(a -> turn.state = turn.state.withAward(a.withAnnounced()));
    }

    private void retryLater(Turn turn, TxPurpose purpose, TxProgress kept, String reason) {
        BidSettlement s = turn.state;
        int attempts = s.retries() + 1;
        Instant at = turn.now.plus(timings.backoff(attempts));
        BidSettlement next = kept == null ? s : s.withProgress(purpose, kept);
        turn.state = next.withRetry(attempts, Optional.of(at));
        turn.notice(Notice.Kind.HEAD_UNAVAILABLE, purpose + " for " + s.bidRef() + ", attempt " + attempts + ", next at " + at + ": " + reason);
    }

    private void inspected(Turn turn, Inspected inspected) {
        BidSettlement s = turn.state;
        TxPurpose purpose = inspected.purpose();
        if (!stillWanted(s, purpose) || s.progress(purpose).isEmpty()) {
            return;
        }
        TxProgress progress = s.progress(purpose).get();
        if (inspected.check().isEmpty()) {
            retryLater(turn, purpose, progress, inspected.detail());
            return;
        }
        switch (inspected.check().get()) {
            case CONFIRMED -> {
                turn.notice(Notice.Kind.CONFIRMED_AWAITING_RECORD, purpose + " " + inspected.tx().txId()
                        + " is confirmed on the head; waiting for its fabric.l2.transactions record");
                TxProgress rearmed = progress.confirmedOnHead(turn.now);
                turn.state = s.withProgress(purpose, rearmed).withRetry(0, Optional.empty());
                if (purpose == TxPurpose.AWARD && !rearmed.announced()) {
                    announce(turn, s.decision().orElseThrow(), inspected.tx().txId(), turn.now);
                }
            }
            case PENDING -> turn.commands.add(new Command.Resubmit(purpose, inspected.tx()));
            case SPENT_ELSEWHERE -> turn.state = s.withProgress(purpose, progress.waitingForChain(turn.now)).withRetry(0, Optional.empty());
        }
    }

    // ------------------------------------------------------------------ rules shared by the steps

    private static boolean awardWanted(BidSettlement s) {
        return s.decision().isPresent() && s.decision().get().mode().needsAwardTransaction() && s.lease().isEmpty()
                && s.awardFailure().isEmpty() && s.closedBy().isEmpty();
    }

    private static boolean refundActive(BidSettlement s) {
        return s.lease().isPresent() && s.closure().isEmpty() && s.refundFailure().isEmpty();
    }

    private static boolean stillWanted(BidSettlement s, TxPurpose purpose) {
        return purpose == TxPurpose.AWARD ? awardWanted(s) : refundActive(s) && s.refundReason().isPresent();
    }

    /**
     * The deploy deadline, never earlier than the decision's deploy window after the lease was
     * confirmed: a slow head must not eat the operator's time to deploy.
     */
    static Optional<Instant> refundDeadline(BidSettlement s) {
        if (s.decision().isEmpty() || s.lease().isEmpty()) {
            return Optional.empty();
        }
        Decision decision = s.decision().get();
        Instant fromLease = s.lease().get().at().occurredAt().plus(decision.deployWindow());
        return Optional.of(fromLease.isAfter(decision.deployDeadline()) ? fromLease : decision.deployDeadline());
    }

    private Optional<Instant> refundDue(BidSettlement s) {
        if (s.deployment().everRunning() || s.deployment().failed()) {
            return Optional.empty();
        }
        return refundDeadline(s).map(deadline -> deadline.plus(timings.refundGrace()));
    }

    private void failStep(Turn turn, TxPurpose purpose, String reason, Optional<String> txId) {
        BidSettlement s = turn.state;
        turn.state = s.withFailure(purpose, new Failure(reason, turn.now));
        String causation = s.decision().map(Decision::eventId).orElse(s.bidRef());
        turn.publications.add(new Publication.SettlementFailed(s.bidRef(), purpose, reason, txId, false, causation, turn.now));
        turn.rejections.add(s.decision().map(d -> Rejection.of(d.source(), purpose + " failed: " + reason))
                .orElse(Rejection.ofCurrent(purpose + " failed: " + reason)));
    }

    /** When this bid next needs a {@link Tick}. */
    Optional<Instant> nextWake(BidSettlement s) {
        if (s.settled()) {
            return s.settledAt().map(at -> at.plus(timings.settledRetention()));
        }
        List<Instant> candidates = new ArrayList<>();
        s.retryAt().ifPresent(candidates::add);
        if (awardWanted(s)) {
            s.award().flatMap(this::progressDue).ifPresent(candidates::add);
        } else if (refundActive(s)) {
            if (s.refundReason().isEmpty()) {
                refundDue(s).ifPresent(candidates::add);
            } else {
                s.refund().flatMap(this::progressDue).ifPresent(candidates::add);
            }
        }
        return candidates.stream().min(Instant::compareTo);
    }

    private Optional<Instant> progressDue(TxProgress p) {
        return switch (p.status()) {
            case SUBMITTED -> Optional.of(p.lastSubmittedAt().orElse(p.since()).plus(timings.confirmTimeout()));
            case AWAITING_CHAIN -> Optional.of(p.since().plus(timings.chainGrace()));
            case BUILT -> Optional.empty();
        };
    }

    private static String describe(Decision d) {
        return d.mode() + " " + d.operatorId() + d.offerRef().map(o -> " offer " + o).orElse("") + " at " + d.price();
    }

    /** One application of an input: the state being changed and what it produced. */
    private final class Turn {
        private BidSettlement state;
        private final Instant now;
        private final List<Publication> publications = new ArrayList<>();
        private final List<Command> commands = new ArrayList<>();
        private final List<Rejection> rejections = new ArrayList<>();
        private final List<Notice> notices = new ArrayList<>();
        private boolean forget;

        private Turn(BidSettlement state, Instant now) {
            this.state = state;
            this.now = now;
        }

        private void notice(Notice.Kind kind, String detail) {
            notices.add(new Notice(kind, detail));
        }

        private Step finish() {
            Optional<BidSettlement> next = forget ? Optional.empty() : Optional.of(state.withWakeAt(nextWake(state)));
            return new Step(next, publications, commands, rejections, notices);
        }
    }
}
