package dev.fabric.settlement.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything settlement knows and has done about one bid: the state the machine folds its inputs
 * into. It is kept per bid in a changelogged store, so after a crash it comes back exactly as the
 * last committed transaction left it.
 *
 * <p>Inputs arrive in any order (a race lease is usually confirmed before its decision is read),
 * so the state is a set of independent facts rather than a single phase; {@link #stage()} names
 * the phase they add up to.
 *
 * @param award            settlement's Award transaction, once attempted
 * @param lease            the Lease as confirmed on the head (from any Accept/Award)
 * @param refund           settlement's Refund transaction, once attempted
 * @param closure          the confirmed claim or refund of the lease: the end
 * @param awardFailure     why settlement gave up awarding (no more Award attempts)
 * @param refundFailure    why settlement gave up refunding (no more Refund attempts)
 * @param closedBy         the transaction that spent the bid without a lease (a Cancel)
 * @param retries          consecutive transient head errors of the current step
 * @param retryAt          when to retry after one
 * @param wakeAt           the next time the bid needs attention (derived, indexed by the store)
 */
public record BidSettlement(
        String bidRef,
        Optional<Decision> decision,
        Optional<TxProgress> award,
        Optional<LeaseRecord> lease,
        DeploymentProgress deployment,
        Optional<TxProgress> refund,
        Optional<String> refundReason,
        Optional<Closure> closure,
        Optional<Failure> awardFailure,
        Optional<Failure> refundFailure,
        Optional<String> closedBy,
        int retries,
        Optional<Instant> retryAt,
        Optional<Instant> wakeAt) {

    /** The lease as confirmed, and where. */
    public record LeaseRecord(LeaseTerms terms, ChainFact.LeaseOrigin origin, ChainPosition at) {
        public LeaseRecord {
            Objects.requireNonNull(terms, "terms");
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(at, "at");
        }
    }

    /** How the lease ended. */
    public record Closure(ChainFact.LeaseSpend spend, String txId, long amount, Instant at) {
        public Closure {
            Objects.requireNonNull(spend, "spend");
            Objects.requireNonNull(txId, "txId");
            Objects.requireNonNull(at, "at");
        }
    }

    /** A step settlement gave up on. */
    public record Failure(String reason, Instant at) {
        public Failure {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(at, "at");
        }
    }

    /** What the winner's deployer reported. */
    public record DeploymentProgress(Optional<DeploymentSignal.Status> latest, Optional<Instant> runningAt,
                                     Optional<String> failure, Optional<Instant> failedAt) {
        public static final DeploymentProgress NONE =
                new DeploymentProgress(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

        public DeploymentProgress {
            latest = latest == null ? Optional.empty() : latest;
            runningAt = runningAt == null ? Optional.empty() : runningAt;
            failure = failure == null ? Optional.empty() : failure;
            failedAt = failedAt == null ? Optional.empty() : failedAt;
        }

        public boolean everRunning() {
            return runningAt.isPresent();
        }

        public boolean failed() {
            return failure.isPresent();
        }

        DeploymentProgress with(DeploymentSignal signal) {
            return switch (signal.status()) {
                case RUNNING -> new DeploymentProgress(Optional.of(signal.status()),
                        runningAt.isPresent() ? runningAt : Optional.of(signal.at()), failure, failedAt);
                case FAILED -> new DeploymentProgress(Optional.of(signal.status()), runningAt,
                        Optional.of(signal.detail()), Optional.of(signal.at()));
                case PROVISIONING, TERMINATED -> new DeploymentProgress(Optional.of(signal.status()), runningAt, failure, failedAt);
            };
        }
    }

    /** The phase a bid's settlement is in, for queries, logs and metrics. */
    public enum Stage {
        /** Only facts from the head so far, no decision. */
        OBSERVED,
        /** Award decided, transaction being built or retried. */
        AWARDING,
        /** Award transaction taken by the head, waiting for confirmation. */
        AWARD_SUBMITTED,
        /** Race decided, waiting for the accept's lease to be read. */
        AWAITING_LEASE,
        LEASED,
        RUNNING,
        REFUNDING,
        CLAIMED,
        REFUNDED,
        /** Settlement gave up (the step that failed is in the state). */
        FAILED
    }

    public BidSettlement {
        Objects.requireNonNull(bidRef, "bidRef");
        decision = decision == null ? Optional.empty() : decision;
        award = award == null ? Optional.empty() : award;
        lease = lease == null ? Optional.empty() : lease;
        deployment = deployment == null ? DeploymentProgress.NONE : deployment;
        refund = refund == null ? Optional.empty() : refund;
        refundReason = refundReason == null ? Optional.empty() : refundReason;
        closure = closure == null ? Optional.empty() : closure;
        awardFailure = awardFailure == null ? Optional.empty() : awardFailure;
        refundFailure = refundFailure == null ? Optional.empty() : refundFailure;
        closedBy = closedBy == null ? Optional.empty() : closedBy;
        retryAt = retryAt == null ? Optional.empty() : retryAt;
        wakeAt = wakeAt == null ? Optional.empty() : wakeAt;
    }

    public static BidSettlement empty(String bidRef) {
        return new BidSettlement(bidRef, Optional.empty(), Optional.empty(), Optional.empty(), DeploymentProgress.NONE,
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                0, Optional.empty(), Optional.empty());
    }

    public Stage stage() {
        if (closure.isPresent()) {
            return closure.get().spend() == ChainFact.LeaseSpend.CLAIM ? Stage.CLAIMED : Stage.REFUNDED;
        }
        if (lease.isPresent()) {
            if (refund.isPresent() && refundFailure.isEmpty()) {
                return Stage.REFUNDING;
            }
            if (refundFailure.isPresent()) {
                return Stage.FAILED;
            }
            return deployment.everRunning() ? Stage.RUNNING : Stage.LEASED;
        }
        if (awardFailure.isPresent()) {
            return Stage.FAILED;
        }
        if (decision.isEmpty()) {
            return Stage.OBSERVED;
        }
        if (!decision.get().mode().needsAwardTransaction()) {
            return Stage.AWAITING_LEASE;
        }
        return award.filter(a -> a.status() != TxProgress.Status.BUILT).isPresent() ? Stage.AWARD_SUBMITTED : Stage.AWARDING;
    }

    /** Nothing more will happen to this bid except its state being forgotten after the retention. */
    public boolean settled() {
        return closure.isPresent() || (lease.isEmpty() && awardFailure.isPresent());
    }

    /** When the bid stopped moving (for the retention). */
    public Optional<Instant> settledAt() {
        if (closure.isPresent()) {
            return Optional.of(closure.get().at());
        }
        return lease.isEmpty() ? awardFailure.map(Failure::at) : Optional.empty();
    }

    BidSettlement withDecision(Decision value) {
        return new BidSettlement(bidRef, Optional.of(value), award, lease, deployment, refund, refundReason, closure,
                awardFailure, refundFailure, closedBy, retries, retryAt, wakeAt);
    }

    BidSettlement withAward(TxProgress value) {
        return new BidSettlement(bidRef, decision, Optional.ofNullable(value), lease, deployment, refund, refundReason, closure,
                awardFailure, refundFailure, closedBy, retries, retryAt, wakeAt);
    }

    BidSettlement withLease(LeaseRecord value) {
        return new BidSettlement(bidRef, decision, award, Optional.of(value), deployment, refund, refundReason, closure,
                awardFailure, refundFailure, closedBy, retries, retryAt, wakeAt);
    }

    BidSettlement withDeployment(DeploymentProgress value) {
        return new BidSettlement(bidRef, decision, award, lease, value, refund, refundReason, closure,
                awardFailure, refundFailure, closedBy, retries, retryAt, wakeAt);
    }

    BidSettlement withRefund(TxProgress value, String reason) {
        return new BidSettlement(bidRef, decision, award, lease, deployment, Optional.ofNullable(value),
                Optional.ofNullable(reason), closure, awardFailure, refundFailure, closedBy, retries, retryAt, wakeAt);
    }

    BidSettlement withClosure(Closure value) {
        return new BidSettlement(bidRef, decision, award, lease, deployment, refund, refundReason, Optional.of(value),
                awardFailure, refundFailure, closedBy, 0, Optional.empty(), wakeAt);
    }

    BidSettlement withFailure(TxPurpose stage, Failure value) {
        return new BidSettlement(bidRef, decision, award, lease, deployment, refund, refundReason, closure,
                stage == TxPurpose.AWARD ? Optional.of(value) : awardFailure,
                stage == TxPurpose.REFUND ? Optional.of(value) : refundFailure,
                closedBy, 0, Optional.empty(), wakeAt);
    }

    BidSettlement withClosedBy(String txId) {
        return new BidSettlement(bidRef, decision, award, lease, deployment, refund, refundReason, closure,
                awardFailure, refundFailure, Optional.of(txId), retries, retryAt, wakeAt);
    }

    BidSettlement withRetry(int attempts, Optional<Instant> at) {
        return new BidSettlement(bidRef, decision, award, lease, deployment, refund, refundReason, closure,
                awardFailure, refundFailure, closedBy, attempts, at, wakeAt);
    }

    BidSettlement withWakeAt(Optional<Instant> value) {
        return new BidSettlement(bidRef, decision, award, lease, deployment, refund, refundReason, closure,
                awardFailure, refundFailure, closedBy, retries, retryAt, value);
    }

    Optional<TxProgress> progress(TxPurpose purpose) {
        return purpose == TxPurpose.AWARD ? award : refund;
    }

    BidSettlement withProgress(TxPurpose purpose, TxProgress value) {
        return purpose == TxPurpose.AWARD ? withAward(value) : withRefund(value, refundReason.orElse(null));
    }

    Optional<Failure> failure(TxPurpose purpose) {
        return purpose == TxPurpose.AWARD ? awardFailure : refundFailure;
    }
}
