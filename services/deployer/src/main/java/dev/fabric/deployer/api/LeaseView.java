package dev.fabric.deployer.api;

import dev.fabric.deployer.domain.Capacity;
import dev.fabric.deployer.provisioning.model.LeaseRecord;
import java.time.Instant;

/** GET /leases: one active lease. */
public record LeaseView(String bidRef, String leaseRef, String namespace, String kind, String phase, Capacity capacity,
                        Instant startAt, Instant endsAt) {

    public static LeaseView of(LeaseRecord lease) {
        return new LeaseView(lease.bidRef(), lease.leaseRef(), lease.namespace(), lease.kind().name(), lease.phase().name(),
                lease.capacity(), lease.startAt(), lease.endsAt());
    }
}
