package dev.fabric.ingest.api;

import dev.fabric.ingest.IngestRuntime;
import dev.fabric.ingest.adapter.head.HeadStatus;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** {@code GET /ingest/heads}: per head connection, where ingestion stands. */
@Path("/ingest/heads")
public class IngestStatusResource {

    @Inject
    IngestRuntime runtime;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<HeadStatus> heads() {
        return runtime.status();
    }
}
