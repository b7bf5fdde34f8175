package dev.fabric.hydra.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/** Commands a client sends to the node over the WebSocket. */
public sealed interface ClientInput extends Tagged {

    /** 2.x: posts the Init transaction; the head opens when it is observed. */
    record Init() implements ClientInput {
    }

    /** Submit an L2 transaction; answered by {@code TxValid} or {@code TxInvalid} on every connection. */
    record NewTx(Transaction transaction) implements ClientInput {
        public NewTx {
            Objects.requireNonNull(transaction, "transaction");
        }
    }

    /** Recover a deposit by its deposit transaction id (same as {@code DELETE /commits/<txid>}). */
    record Recover(String recoverTxId) implements ClientInput {
    }

    record Decommit(Transaction decommitTx) implements ClientInput {
    }

    record Close() implements ClientInput {
    }

    /** Close, refused if the confirmed snapshot holds non-ADA assets (≥ 1.2.0). */
    record SafeClose() implements ClientInput {
    }

    record Contest() implements ClientInput {
    }

    record Fanout() implements ClientInput {
    }

    record SideLoadSnapshot(ConfirmedSnapshot snapshot) implements ClientInput {
    }

    /** master only. */
    record PartialFanout(@JsonProperty("utxoToFanout") Utxo utxoToFanout) implements ClientInput {
    }

    /** An input this client does not model, echoed back by a newer node in {@code CommandFailed}. */
    record Unknown(String tag, ObjectNode json) implements ClientInput, RawJson {
    }
}
