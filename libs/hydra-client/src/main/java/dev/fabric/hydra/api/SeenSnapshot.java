package dev.fabric.hydra.api;

import com.fasterxml.jackson.databind.JsonNode;

/** The snapshot round in flight ({@code GET /snapshot/last-seen}, and inside the head state). */
public sealed interface SeenSnapshot extends Tagged {

    record NoSeenSnapshot() implements SeenSnapshot {
    }

    record LastSeenSnapshot(long lastSeen) implements SeenSnapshot {
    }

    record RequestedSnapshot(long lastSeen, long requested) implements SeenSnapshot {
    }

    /**
     * A snapshot being signed; {@code signatories} (party to signature) is kept as received because
     * its encoding is not pinned down by the schema.
     */
    @WireTag("SeenSnapshot")
    record Seen(Snapshot snapshot, JsonNode signatories) implements SeenSnapshot {
    }
}
