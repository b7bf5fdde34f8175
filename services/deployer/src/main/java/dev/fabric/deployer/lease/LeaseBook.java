package dev.fabric.deployer.lease;

import dev.fabric.deployer.provisioning.model.LeaseRecord;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The active leases of this operator, by bid. A cache of what the namespaces record: rebuilt from
 * the cluster on start, so losing it loses nothing. Thread-safe.
 */
public final class LeaseBook {

    private final Map<String, LeaseRecord> byBid = new ConcurrentHashMap<>();

    public void put(LeaseRecord lease) {
        byBid.put(lease.bidRef(), lease);
    }

    public Optional<LeaseRecord> find(String bidRef) {
        return Optional.ofNullable(byBid.get(bidRef));
    }

    public Optional<LeaseRecord> findByLeaseRef(String leaseRef) {
        return byBid.values().stream().filter(l -> l.leaseRef().equals(leaseRef)).findFirst();
    }

    public void remove(String bidRef) {
        byBid.remove(bidRef);
    }

    /** Every active lease, earliest end first. */
    public List<LeaseRecord> all() {
        return byBid.values().stream().sorted(Comparator.comparing(LeaseRecord::endsAt).thenComparing(LeaseRecord::bidRef)).toList();
    }
}
