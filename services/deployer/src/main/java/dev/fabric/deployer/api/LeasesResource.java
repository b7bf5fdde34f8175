package dev.fabric.deployer.api;

import dev.fabric.deployer.lease.LeaseLifecycle;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

@Path("/leases")
@Produces(MediaType.APPLICATION_JSON)
public class LeasesResource {

    @Inject
    LeaseLifecycle lifecycle;

    @GET
    public List<LeaseView> leases() {
        return lifecycle.leases().stream().map(LeaseView::of).toList();
    }
}
