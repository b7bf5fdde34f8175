package dev.fabric.deployer.lease;

import dev.fabric.deployer.adapter.HeadGateway;
import dev.fabric.deployer.adapter.HeadGateway.SubmitResult;
import dev.fabric.deployer.domain.CapacityLedger;
import dev.fabric.deployer.domain.DeploymentOutcome;
import dev.fabric.deployer.domain.EndReason;
import dev.fabric.deployer.domain.FailureStage;
import dev.fabric.deployer.domain.WorkloadRules;
import dev.fabric.deployer.domain.WorkloadValidation;
import dev.fabric.deployer.provisioning.ApplyResult;
import dev.fabric.deployer.provisioning.LeaseReconciler;
import dev.fabric.deployer.provisioning.TeardownResult;
import dev.fabric.deployer.provisioning.model.DesiredObjects;
import dev.fabric.deployer.provisioning.model.LeaseObjectsModel;
import dev.fabric.deployer.provisioning.model.LeasePhase;
import dev.fabric.deployer.provisioning.model.LeaseRecord;
import dev.fabric.deployer.provisioning.model.LeaseSpec;
import dev.fabric.deployer.provisioning.model.PodSecurityAdmission;
import dev.fabric.deployer.provisioning.model.Rollout;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * A confirmed lease from start to end: validate, provision, watch the rollout until ready or the
 * deploy deadline, watch it run, tear it down at lease end (or on refund / failure) and claim the
 * payment. Each step reports its outcome before recording it, and every step can be re-run: a
 * crash anywhere is repaired by the next delivery of the lease or the next sweep.
 *
 * <p>Capacity: a lease holds its request from provisioning until teardown; every terminal path
 * (failed, terminated, refunded, claimed) releases it.
 */
public final class LeaseLifecycle {

    private static final Logger LOG = Logger.getLogger(LeaseLifecycle.class);

    private final LeaseObjectsModel model;
    private final LeaseReconciler reconciler;
    private final CapacityLedger ledger;
    private final LeaseBook book;
    private final DeploymentEventSink events;
    private final Optional<HeadGateway> gateway;
    private final WorkloadRules rules;
    private final LeaseTiming timing;
    private final Clock clock;

    /** Leases to end whose teardown failed (API error), by bid: retried by {@link #sweep}. */
    private final Map<String, EndReason> pendingEnds = new LinkedHashMap<>();
    /** Claims without a verdict yet, by bid: retried by {@link #sweep}. */
    private final Map<String, HeadGateway.ClaimTx> pendingClaims = new LinkedHashMap<>();
    /**
     * Leases that ended before their time (failed, refunded, cancelled), by leaseRef, until that time:
     * a repeated confirmation must not bring them back (found by the chaos run's repeated deliveries:
     * a failed lease was provisioned, failed and torn down again on every repeat). After their end
     * time the time check below covers them.
     */
    private final Map<String, Instant> endedEarly = new HashMap<>();
    private volatile boolean recovered;

    public LeaseLifecycle(LeaseObjectsModel model, LeaseReconciler reconciler, CapacityLedger ledger, LeaseBook book,
                          DeploymentEventSink events, Optional<HeadGateway> gateway, WorkloadRules rules, LeaseTiming timing, Clock clock) {
        this.model = Objects.requireNonNull(model, "model");
        this.reconciler = Objects.requireNonNull(reconciler, "reconciler");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.book = Objects.requireNonNull(book, "book");
        this.events = Objects.requireNonNull(events, "events");
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.timing = Objects.requireNonNull(timing, "timing");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Provisions a confirmed lease. Validation problems fail it before anything is created.
     * Kubernetes API errors propagate: the caller retries, and gives up with {@link #provisioningFailed}.
     */
    public synchronized List<DeploymentOutcome> provision(LeaseSpec lease, Optional<String> causationId) {
        Instant now = clock.instant();
        List<DeploymentOutcome> out = new ArrayList<>();
        if (!now.isBefore(lease.endsAt())) {
            // A redelivered confirmation of a lease that is already over: make sure it is gone, never re-create it.
            LOG.infof("Lease %s of bid %s ended at %s; not provisioning", lease.leaseRef(), lease.bidRef(), lease.endsAt());
            book.find(lease.bidRef()).ifPresentOrElse(l -> out.addAll(end(l, EndReason.LEASE_ENDED, true)),
                    () -> ledger.release(lease.bidRef()));
            return out;
        }
        if (endedEarly.containsKey(lease.leaseRef())) {
            LOG.infof("Lease %s of bid %s already ended before its time; a repeated confirmation does not re-create it",
                    lease.leaseRef(), lease.bidRef());
            return out;
        }
        DesiredObjects desired = model.render(lease);
        List<String> problems = new ArrayList<>(WorkloadValidation.problems(lease.workload(), lease.request(), rules));
        if (problems.isEmpty()) {
            problems.addAll(PodSecurityAdmission.problems(desired.workload(), lease.request()));
        }
        if (!problems.isEmpty()) {
            DeploymentOutcome failed = new DeploymentOutcome.Failed(lease.bidRef(), lease.leaseRef(), Optional.empty(),
                    FailureStage.VALIDATION, String.join("; ", problems));
            events.publish(failed, causationId);
            ledger.release(lease.bidRef());
            endedEarly.put(lease.leaseRef(), lease.endsAt());
            out.add(failed);
            return out;
        }
        ledger.holdLease(lease.bidRef(), lease.request(), lease.endsAt().plus(timing.holdGrace()));
        ApplyResult applied = reconciler.apply(desired);
        if (applied instanceof ApplyResult.NotOwned notOwned) {
            DeploymentOutcome failed = new DeploymentOutcome.Failed(lease.bidRef(), lease.leaseRef(), Optional.empty(),
                    FailureStage.PROVISIONING, "namespace " + notOwned.namespace() + " exists and " + notOwned.reason());
            events.publish(failed, causationId);
            ledger.release(lease.bidRef());
            endedEarly.put(lease.leaseRef(), lease.endsAt());
            out.add(failed);
            return out;
        }
        ApplyResult.Applied done = (ApplyResult.Applied) applied;
        if (!done.changed().isEmpty()) {
            LOG.infof("Provisioned lease %s of bid %s in %s: %s", lease.leaseRef(), lease.bidRef(), done.namespace(), done.changed());
        }
        DeploymentOutcome provisioning = new DeploymentOutcome.Provisioning(lease.bidRef(), lease.leaseRef(), done.namespace());
        events.publish(provisioning, causationId);
        LeasePhase phase = book.find(lease.bidRef()).map(LeaseRecord::phase).orElse(LeasePhase.PROVISIONING);
        book.put(LeaseRecord.of(lease, phase));
        out.add(provisioning);
        return out;
    }

    /** Gives up on a lease whose objects could not be created (API errors beyond the caller's retries). */
    public synchronized List<DeploymentOutcome> provisioningFailed(LeaseSpec lease, String reason, Optional<String> causationId) {
        LeaseRecord record = book.find(lease.bidRef()).orElse(LeaseRecord.of(lease, LeasePhase.PROVISIONING));
        // In the book first: if the teardown fails too, the sweep finishes it.
        book.put(record);
        return fail(record, FailureStage.PROVISIONING, reason, causationId);
    }

    /**
     * Time-driven: advances every lease (ready → Running; deadline passed or broken → Failed and
     * torn down; lease over → Terminated and claimed), expires stale holds and retries claims.
     * Kubernetes errors for one lease do not stop the others; they are retried on the next sweep.
     */
    public synchronized List<DeploymentOutcome> sweep() {
        Instant now = clock.instant();
        List<DeploymentOutcome> out = new ArrayList<>();
        // Claims that failed in earlier sweeps; one that fails in this sweep waits for the next.
        List<HeadGateway.ClaimTx> retries = new ArrayList<>(pendingClaims.values());
        ledger.expire(now).forEach(r -> LOG.infof("Hold for bid %s expired (%s)", r.bidRef(), r.hold()));
        endedEarly.values().removeIf(endsAt -> !now.isBefore(endsAt));
        for (LeaseRecord lease : book.all()) {
            try {
                EndReason ending = pendingEnds.get(lease.bidRef());
                out.addAll(ending != null ? end(lease, ending, false) : advance(lease, now));
            } catch (RuntimeException e) {
                LOG.warnf("Lease %s of bid %s: %s; retrying on the next sweep", lease.leaseRef(), lease.bidRef(), e.getMessage());
            }
        }
        for (HeadGateway.ClaimTx claim : retries) {
            attemptClaim(claim);
        }
        return out;
    }

    /**
     * Advances only the leases still rolling out, so that Running (or a rollout failure) is reported
     * within a short poll of the workload becoming ready rather than within a sweep interval: one
     * GET of the workload object per lease rolling out. Errors wait for the next poll or sweep.
     */
    public synchronized List<DeploymentOutcome> advanceRollouts() {
        Instant now = clock.instant();
        List<DeploymentOutcome> out = new ArrayList<>();
        for (LeaseRecord lease : book.all()) {
            if (lease.phase() != LeasePhase.PROVISIONING || pendingEnds.containsKey(lease.bidRef())) {
                continue;
            }
            try {
                out.addAll(advance(lease, now));
            } catch (RuntimeException e) {
                LOG.debugf("Rollout of lease %s not read: %s; next poll", lease.leaseRef(), e.getMessage());
            }
        }
        return out;
    }

    /** The lease's payment went back to the application: stop the workload. */
    public synchronized List<DeploymentOutcome> onRefunded(String leaseRef) {
        return book.findByLeaseRef(leaseRef).map(l -> endNowOrOnNextSweep(l, EndReason.REFUNDED)).orElse(List.of());
    }

    /** The operator's claim was confirmed: the lease is settled (early claims end the workload now). */
    public synchronized List<DeploymentOutcome> onClaimed(String bidRef, String leaseRef) {
        pendingClaims.remove(bidRef);
        return book.find(bidRef).map(l -> endNowOrOnNextSweep(l, EndReason.LEASE_ENDED)).orElseGet(() -> {
            ledger.release(bidRef);
            return List.of();
        });
    }

    /**
     * Settlement events are not retried by their consumer, so a teardown the API server refuses now
     * is remembered and finished by the sweep rather than left running until the lease end.
     */
    private List<DeploymentOutcome> endNowOrOnNextSweep(LeaseRecord lease, EndReason reason) {
        try {
            return end(lease, reason, false);
        } catch (RuntimeException e) {
            pendingEnds.put(lease.bidRef(), reason);
            LOG.warnf("Teardown of lease %s (%s) failed: %s; retrying on the next sweep", lease.leaseRef(), reason, e.getMessage());
            return List.of();
        }
    }

    /**
     * Rebuilds the book and the capacity holds from the namespaces this operator owns: after a
     * crash, every lease that got a namespace is found again and nothing it held leaks. A lease whose
     * recorded phase is behind what this operator already reported (killed between the report and the
     * record) is brought up to its report instead of being reported again: a reported {@code Running}
     * becomes its phase, a reported failure is torn down by the next sweep (only its {@code Terminated}
     * is still to say).
     *
     * @throws RuntimeException when the cluster or the reports cannot be read: nothing is recovered yet
     *                          and the call is repeated
     */
    public synchronized RecoveryReport recover(OwnReports reports) {
        List<String> unreadable = new ArrayList<>();
        List<LeaseRecord> found = new ArrayList<>();
        for (LeaseRecord.Parsed parsed : reconciler.ownedLeases()) {
            if (parsed instanceof LeaseRecord.Parsed.Unreadable bad) {
                LOG.errorf("Namespace %s is labelled as ours but its lease cannot be read: %s", bad.namespace(), bad.reason());
                unreadable.add(bad.namespace() + ": " + bad.reason());
                continue;
            }
            found.add(((LeaseRecord.Parsed.Valid) parsed).lease());
        }
        OwnReports.Found reported = found.isEmpty() ? new OwnReports.Found(Set.of(), Set.of())
                : reports.find(found.stream().map(LeaseRecord::bidRef).collect(Collectors.toSet()),
                        // reports follow the lease's confirmation, around its start; the margin covers clock skew
                        found.stream().map(LeaseRecord::startAt).min(Instant::compareTo).orElseThrow().minus(timing.deployDeadline()));
        for (LeaseRecord lease : found) {
            ledger.holdLease(lease.bidRef(), lease.capacity(), lease.endsAt().plus(timing.holdGrace()));
            if (reported.endedEarly().contains(lease.bidRef())) {
                // ended (torn down, Terminated) by the first sweep, with the usual retries
                LOG.infof("Lease %s of bid %s was reported failed by an earlier run; it is torn down next", lease.leaseRef(), lease.bidRef());
                pendingEnds.put(lease.bidRef(), EndReason.FAILED);
            } else if (lease.phase() == LeasePhase.PROVISIONING && reported.running().contains(lease.bidRef())) {
                reconciler.recordPhase(lease.namespace(), lease.bidRef(), LeasePhase.RUNNING);
                lease = lease.withPhase(LeasePhase.RUNNING);
            }
            book.put(lease);
        }
        recovered = true;
        LOG.infof("Recovered %d lease(s) from the cluster", found.size());
        return new RecoveryReport(found.size(), unreadable);
    }

    /**
     * A lease that ended and was delivered but whose payment is still on the head (found there after
     * a restart): claimed by the next sweep, and retried like any claim without a verdict.
     */
    public synchronized void recoverClaim(String bidRef, String leaseRef, Instant notBefore) {
        if (book.find(bidRef).isEmpty()) {
            pendingClaims.putIfAbsent(bidRef, new HeadGateway.ClaimTx(bidRef, leaseRef, notBefore));
        }
    }

    /** Whether this process has seen the lease: in the book, or remembered as ended before its time. */
    public synchronized boolean knows(String bidRef, String leaseRef) {
        return book.find(bidRef).isPresent() || endedEarly.containsKey(leaseRef);
    }

    /**
     * A lease an earlier run of this process reported as ended before its time (found in its reports
     * after a restart): a repeated confirmation must not provision it again.
     */
    public synchronized void recoverEndedEarly(String leaseRef, Instant endsAt) {
        endedEarly.putIfAbsent(leaseRef, endsAt);
    }

    /** Whether {@link #recover} ran: until then the free capacity is not known. */
    public boolean recovered() {
        return recovered;
    }

    public List<LeaseRecord> leases() {
        return book.all();
    }

    public synchronized List<HeadGateway.ClaimTx> pendingClaims() {
        return List.copyOf(pendingClaims.values());
    }

    private List<DeploymentOutcome> advance(LeaseRecord lease, Instant now) {
        if (!now.isBefore(lease.endsAt())) {
            return end(lease, EndReason.LEASE_ENDED, true);
        }
        Rollout rollout = reconciler.rollout(lease.namespace(), lease.kind());
        if (lease.phase() == LeasePhase.PROVISIONING) {
            if (rollout instanceof Rollout.Ready ready) {
                DeploymentOutcome running = new DeploymentOutcome.Running(lease.bidRef(), lease.leaseRef(), lease.namespace(), ready.readyReplicas());
                events.publish(running, Optional.empty());
                reconciler.recordPhase(lease.namespace(), lease.bidRef(), LeasePhase.RUNNING);
                book.put(lease.withPhase(LeasePhase.RUNNING));
                return List.of(running);
            }
            if (rollout instanceof Rollout.Broken broken) {
                return fail(lease, FailureStage.ROLLOUT, broken.reason(), Optional.empty());
            }
            Instant deadline = lease.startAt().plus(timing.deployDeadline());
            if (!now.isBefore(deadline)) {
                String detail = rollout instanceof Rollout.Pending pending ? pending.detail() : "workload object missing";
                return fail(lease, FailureStage.ROLLOUT, "not ready by the deploy deadline " + deadline + ": " + detail, Optional.empty());
            }
            return List.of();
        }
        if (rollout instanceof Rollout.Broken broken) {
            return fail(lease, FailureStage.RUNTIME, broken.reason(), Optional.empty());
        }
        if (rollout instanceof Rollout.Missing) {
            return fail(lease, FailureStage.RUNTIME, "workload object disappeared", Optional.empty());
        }
        return List.of();
    }

    private List<DeploymentOutcome> fail(LeaseRecord lease, FailureStage stage, String reason, Optional<String> causationId) {
        List<DeploymentOutcome> out = new ArrayList<>();
        DeploymentOutcome failed = new DeploymentOutcome.Failed(lease.bidRef(), lease.leaseRef(), Optional.of(lease.namespace()), stage, reason);
        events.publish(failed, causationId);
        out.add(failed);
        LOG.warnf("Lease %s of bid %s failed (%s): %s", lease.leaseRef(), lease.bidRef(), stage, reason);
        out.addAll(end(lease, EndReason.FAILED, false));
        return out;
    }

    private List<DeploymentOutcome> end(LeaseRecord lease, EndReason reason, boolean claim) {
        TeardownResult teardown = reconciler.teardown(lease.namespace(), lease.bidRef());
        List<DeploymentOutcome> out = new ArrayList<>();
        if (teardown != TeardownResult.NOT_OWNED) {
            DeploymentOutcome terminated = new DeploymentOutcome.Terminated(lease.bidRef(), lease.leaseRef(), lease.namespace(), reason);
            events.publish(terminated, Optional.empty());
            out.add(terminated);
        }
        ledger.release(lease.bidRef());
        book.remove(lease.bidRef());
        pendingEnds.remove(lease.bidRef());
        if (reason != EndReason.LEASE_ENDED) {
            endedEarly.put(lease.leaseRef(), lease.endsAt());
        }
        LOG.infof("Lease %s of bid %s ended (%s); namespace %s %s", lease.leaseRef(), lease.bidRef(), reason, lease.namespace(), teardown);
        if (claim) {
            attemptClaim(new HeadGateway.ClaimTx(lease.bidRef(), lease.leaseRef(), lease.endsAt()));
        }
        return out;
    }

    private void attemptClaim(HeadGateway.ClaimTx claim) {
        if (gateway.isEmpty()) {
            return;
        }
        SubmitResult result = gateway.get().submitClaim(claim);
        if (result instanceof SubmitResult.Unavailable unavailable) {
            pendingClaims.put(claim.bidRef(), claim);
            LOG.warnf("Claim of lease %s got no verdict (%s); will retry", claim.leaseRef(), unavailable.reason());
            return;
        }
        pendingClaims.remove(claim.bidRef());
        if (result instanceof SubmitResult.Invalid invalid) {
            LOG.errorf("Claim of lease %s refused by the head: %s", claim.leaseRef(), invalid.reason());
        }
    }
}
