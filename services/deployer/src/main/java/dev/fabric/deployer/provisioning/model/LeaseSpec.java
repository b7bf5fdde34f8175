package dev.fabric.deployer.provisioning.model;

import dev.fabric.deployer.domain.Capacity;
import dev.fabric.deployer.domain.Workload;
import java.time.Instant;
import java.util.Objects;

/**
 * Everything the model needs to render a lease's objects: the confirmed lease (who, when) and the
 * bid it came from (what to run, with which resources).
 */
public record LeaseSpec(String bidRef, String leaseRef, String appPkh, String operatorId, Capacity request,
                        Instant startAt, Instant endsAt, Workload workload) {

    public LeaseSpec {
        Objects.requireNonNull(bidRef, "bidRef");
        Objects.requireNonNull(leaseRef, "leaseRef");
        Objects.requireNonNull(appPkh, "appPkh");
        Objects.requireNonNull(operatorId, "operatorId");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(startAt, "startAt");
        Objects.requireNonNull(endsAt, "endsAt");
        Objects.requireNonNull(workload, "workload");
    }

    public String namespace() {
        return LeaseNames.namespaceFor(bidRef);
    }
}
