package dev.fabric.hydra.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The node's internal head state ({@code GET /head}, {@code CommandFailed.state}, inside
 * {@code EventLogRotated}). {@code chainState} is deliberately kept as raw JSON: the schema declares it
 * as "anything" and says nobody should depend on it.
 */
public sealed interface HeadState extends Tagged {

    record Idle(IdleState contents) implements HeadState {
    }

    record Open(OpenState contents) implements HeadState {
    }

    record Closed(ClosedState contents) implements HeadState {
    }

    /** A state this client does not model (e.g. master's {@code FanoutProgress}). */
    record Unknown(String tag, ObjectNode json) implements HeadState, RawJson {
    }

    record IdleState(JsonNode chainState) {
    }

    record OpenState(
            HeadParameters parameters,
            CoordinatedHeadState coordinatedHeadState,
            JsonNode chainState,
            String headId,
            String headSeed) {
    }

    record ClosedState(
            HeadParameters parameters,
            ConfirmedSnapshot confirmedSnapshot,
            Instant contestationDeadline,
            boolean readyToFanoutSent,
            JsonNode chainState,
            String headId,
            String headSeed,
            long version,
            @JsonInclude(JsonInclude.Include.NON_NULL) Utxo remainingFanoutOutputs,
            @JsonInclude(JsonInclude.Include.NON_NULL) Utxo distributedFanoutOutputs) {
    }

    record CoordinatedHeadState(
            @JsonProperty("localUTxO") Utxo localUtxo,
            List<Transaction> localTxs,
            Map<String, Transaction> allTxs,
            ConfirmedSnapshot confirmedSnapshot,
            SeenSnapshot seenSnapshot,
            String currentDepositTxId,
            Transaction decommitTx,
            long version) {
    }
}
