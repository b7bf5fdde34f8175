package dev.fabric.hydra.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;

public sealed interface DecommitInvalidReason extends Tagged {

    /** The decommit transaction does not apply to the node's local UTxO. */
    record DecommitTxInvalid(@JsonProperty("localUTxO") Utxo localUtxo, ValidationError validationError)
            implements DecommitInvalidReason {
    }

    /** Only one decommit may be in flight; this names the other one. */
    record DecommitAlreadyInFlight(String otherDecommitTxId) implements DecommitInvalidReason {
    }

    record Unknown(String tag, ObjectNode json) implements DecommitInvalidReason, RawJson {
    }
}
