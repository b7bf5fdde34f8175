package dev.fabric.hydra.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** The node's aggregated state, carried by {@code EventLogRotated} as its checkpoint. */
public sealed interface NodeState extends Tagged {

    record NodeInSync(HeadState headState, Map<String, Deposit> pendingDeposits, ChainPointTime chainPointTime)
            implements NodeState {
    }

    record NodeCatchingUp(HeadState headState, Map<String, Deposit> pendingDeposits, ChainPointTime chainPointTime)
            implements NodeState {
    }

    record Unknown(String tag, ObjectNode json) implements NodeState, RawJson {
    }

    /** @param status {@code {"tag": "Unknown" | "Active" | "Expired"}} */
    record Deposit(String headId, Utxo deposited, Instant created, Instant deadline, TaggedJson status) {
    }

    record ChainPointTime(long currentSlot, Instant currentChainTime, Duration drift) {
    }
}
