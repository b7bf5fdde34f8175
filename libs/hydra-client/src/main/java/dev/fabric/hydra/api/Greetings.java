package dev.fabric.hydra.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Optional;

/**
 * The per-connection welcome, sent after the history replay (so it marks where history ends). It has
 * no {@code seq}. Optional parts are omitted rather than null on the wire: {@code hydraHeadId} while
 * idle, {@code snapshotUtxo} with {@code snapshot-utxo=no}; {@code env}, {@code networkInfo},
 * {@code chainSyncedStatus} and {@code currentSlot} appeared in 1.0.0–1.3.0.
 *
 * @param headStatus        as received; see {@link #status()} for the typed view
 * @param chainSyncedStatus {@code InSync} or {@code CatchingUp}
 */
public record Greetings(
        Party me,
        String headStatus,
        @JsonInclude(JsonInclude.Include.NON_NULL) String hydraHeadId,
        @JsonInclude(JsonInclude.Include.NON_NULL) Utxo snapshotUtxo,
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant timestamp,
        String hydraNodeVersion,
        @JsonInclude(JsonInclude.Include.NON_NULL) Environment env,
        @JsonInclude(JsonInclude.Include.NON_NULL) NetworkInfo networkInfo,
        @JsonInclude(JsonInclude.Include.NON_NULL) String chainSyncedStatus,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long currentSlot) implements ServerMessage, Tagged {

    public HeadStatus status() {
        return HeadStatus.fromWire(headStatus);
    }

    public Optional<String> headId() {
        return Optional.ofNullable(hydraHeadId);
    }
}
