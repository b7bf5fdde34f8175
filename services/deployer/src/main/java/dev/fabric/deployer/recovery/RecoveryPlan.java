package dev.fabric.deployer.recovery;

import dev.fabric.deployer.adapter.HeadGateway.HeldLease;
import dev.fabric.deployer.adapter.HeadGateway.HeldOffer;
import dev.fabric.deployer.adapter.HeadGateway.Holdings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a restarted deployer does about what the head says it holds. Pure: the head's holdings,
 * the leases the cluster still has, and this operator's own reports in, decisions out.
 *
 * <ul>
 *   <li>A Lease output naming this operator whose namespace is gone and whose end has passed is
 *       claimed if this operator reported it ended normally; one it did not (it failed, or was
 *       never provisioned) is left for the refund. A lease still running is the lifecycle's, and
 *       one not ended and without a namespace is about to be delivered by its LeaseConfirmed.</li>
 *   <li>An Offer output of this operator is withdrawn when its bid is gone (awarded to another,
 *       taken, cancelled) or it expired, and otherwise keeps its capacity held until the bid's outcome.</li>
 * </ul>
 *
 * @param claims   leases to claim, by lease ref
 * @param holds    offers still in play: hold their capacity
 * @param withdraw offers that lost or expired
 * @param left     leases on the head this operator must not claim (yet), with why, for the log
 */
public record RecoveryPlan(List<HeldLease> claims, List<HeldOffer> holds, List<HeldOffer> withdraw, List<String> left) {

    public RecoveryPlan {
        claims = List.copyOf(claims);
        holds = List.copyOf(holds);
        withdraw = List.copyOf(withdraw);
        left = List.copyOf(left);
    }

    /** Bids whose leases are over and have no namespace: only these need this operator's reports read. */
    public static Set<String> endedWithoutNamespace(Holdings holdings, Set<String> activeLeaseBids, Instant now) {
        Set<String> bids = new TreeSet<>();
        for (HeldLease lease : holdings.leases()) {
            if (!activeLeaseBids.contains(lease.bidRef()) && !now.isBefore(lease.endsAt())) {
                bids.add(lease.bidRef());
            }
        }
        return bids;
    }

    /**
     * @param activeLeaseBids bids whose lease has a namespace (the lifecycle tears it down and claims it)
     * @param endedNormally   bids this operator reported {@code Terminated(LEASE_ENDED)} for
     */
    public static RecoveryPlan of(Holdings holdings, Set<String> activeLeaseBids, Set<String> endedNormally, Instant now) {
        Objects.requireNonNull(holdings, "holdings");
        List<HeldLease> claims = new ArrayList<>();
        List<String> left = new ArrayList<>();
        for (HeldLease lease : holdings.leases()) {
            if (activeLeaseBids.contains(lease.bidRef())) {
                continue;
            }
            if (now.isBefore(lease.endsAt())) {
                left.add(lease.leaseRef() + ": runs until " + lease.endsAt() + " and has no namespace yet");
            } else if (endedNormally.contains(lease.bidRef())) {
                claims.add(lease);
            } else {
                left.add(lease.leaseRef() + ": ended at " + lease.endsAt() + " without a report that it was delivered; left for the refund");
            }
        }
        List<HeldOffer> holds = new ArrayList<>();
        List<HeldOffer> withdraw = new ArrayList<>();
        for (HeldOffer offer : holdings.offers()) {
            if (holdings.openBids().contains(offer.bidRef()) && now.isBefore(offer.expiry())) {
                holds.add(offer);
            } else {
                withdraw.add(offer);
            }
        }
        return new RecoveryPlan(claims, holds, withdraw, left);
    }
}
