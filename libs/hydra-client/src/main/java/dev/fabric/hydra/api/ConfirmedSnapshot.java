package dev.fabric.hydra.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/** What {@code GET /snapshot} returns and {@code SideLoadSnapshot} carries. */
public sealed interface ConfirmedSnapshot extends Tagged {

    /** The head's opening state, before any snapshot was signed. */
    record InitialSnapshot(
            String headId,
            @JsonProperty("initialUTxO") @JsonInclude(JsonInclude.Include.NON_NULL) Utxo initialUtxo)
            implements ConfirmedSnapshot {
    }

    /** A snapshot signed by every party. */
    @WireTag("ConfirmedSnapshot")
    record Signed(Snapshot snapshot, MultiSignature signatures) implements ConfirmedSnapshot {
        public Signed {
            Objects.requireNonNull(snapshot, "snapshot");
        }
    }
}
