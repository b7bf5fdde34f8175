package dev.fabric.deployer.api;

import dev.fabric.deployer.domain.CapacityLedger;
import dev.fabric.deployer.provisioning.ClusterCapacity;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;

@Path("/inventory")
@Produces(MediaType.APPLICATION_JSON)
public class InventoryResource {

    @Inject
    CapacityLedger ledger;

    @Inject
    ClusterCapacity capacity;

    @Inject
    Clock clock;

    @GET
    public InventoryView inventory() {
        return InventoryView.of(ledger.snapshot(capacity.allocatable(), clock.instant()));
    }
}
