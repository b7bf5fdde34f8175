package dev.fabric.deployer.recovery;

import dev.fabric.deployer.adapter.HeadGateway;
import dev.fabric.deployer.adapter.HeadGateway.HeldLease;
import dev.fabric.deployer.adapter.HeadGateway.HeldOffer;
import dev.fabric.deployer.adapter.HeadGateway.Holdings;
import dev.fabric.deployer.lease.LeaseLifecycle;
import dev.fabric.deployer.market.BidResponder;
import dev.fabric.deployer.provisioning.model.LeaseRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * After a start, picks up what the head holds for this operator and this process forgot: claims
 * for leases that ended while it was down (or whose claim got no verdict before the crash), the bids
 * its leases took (never answered again), and the offers it had open: their capacity is held again,
 * and the ones that lost or expired are withdrawn. Runs after the cluster was reconciled (it needs
 * the leases that still have a namespace), and again until the head could be read once.
 */
public final class HeadRecovery {

    private static final Logger LOG = Logger.getLogger(HeadRecovery.class);

    private final HeadGateway gateway;
    private final LeaseLifecycle lifecycle;
    private final BidResponder responder;
    private final EndedLeases history;
    private final Duration reportLookback;
    private final Clock clock;
    private volatile boolean recovered;

    /**
     * @param reportLookback how long before a lease's end to start looking for its {@code Terminated}
     *                       report (it is written after the end, so this only covers clock skew)
     */
    public HeadRecovery(HeadGateway gateway, LeaseLifecycle lifecycle, BidResponder responder, EndedLeases history,
                        Duration reportLookback, Clock clock) {
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
        this.responder = Objects.requireNonNull(responder, "responder");
        this.history = Objects.requireNonNull(history, "history");
        this.reportLookback = Objects.requireNonNull(reportLookback, "reportLookback");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Reads the head and acts on what it holds; does nothing once that succeeded.
     *
     * @return whether recovery is done (false: the head or the topic could not be read; call again later)
     */
    public synchronized boolean recover() {
        if (recovered) {
            return true;
        }
        if (!lifecycle.recovered()) {
            return false;
        }
        HeadGateway.HoldingsRead read = gateway.holdings();
        if (read instanceof HeadGateway.HoldingsRead.Unavailable unavailable) {
            LOG.warnf("Cannot read this operator's outputs on the head yet (%s); bids are declined until it can", unavailable.reason());
            return false;
        }
        Holdings holdings = ((HeadGateway.HoldingsRead.Read) read).holdings();
        Instant now = clock.instant();
        Set<String> active = lifecycle.leases().stream().map(LeaseRecord::bidRef).collect(Collectors.toSet());
        Set<String> candidates = RecoveryPlan.endedWithoutNamespace(holdings, active, now);
        Set<String> ended;
        try {
            Instant since = holdings.leases().stream().filter(l -> candidates.contains(l.bidRef()))
                    .map(HeldLease::endsAt).min(Instant::compareTo).orElse(now).minus(reportLookback);
            ended = candidates.isEmpty() ? Set.of() : history.endedNormally(candidates, since);
        } catch (RuntimeException e) {
            LOG.warnf("Cannot read this operator's deployment reports yet (%s); retrying", e.getMessage());
            return false;
        }
        RecoveryPlan plan = RecoveryPlan.of(holdings, active, ended, now);
        // Their bids are taken by this operator: a BidOpened redelivered after the restart is not answered again.
        holdings.leases().forEach(lease -> responder.recoverTaken(lease.bidRef(), lease.endsAt()));
        for (HeldLease lease : plan.claims()) {
            lifecycle.recoverClaim(lease.bidRef(), lease.leaseRef(), lease.endsAt());
        }
        for (HeldOffer offer : plan.holds()) {
            responder.recoverOpenOffer(offer);
        }
        for (HeldOffer offer : plan.withdraw()) {
            responder.recoverLostOffer(offer);
        }
        plan.left().forEach(why -> LOG.infof("Lease on the head not claimed: %s", why));
        recovered = true;
        LOG.infof("Recovered from the head: %d claim(s), %d open offer(s), %d offer(s) to withdraw",
                plan.claims().size(), plan.holds().size(), plan.withdraw().size());
        return true;
    }

    /** Whether the head's holdings were taken into account: until then the free capacity is not known. */
    public boolean recovered() {
        return recovered;
    }
}
