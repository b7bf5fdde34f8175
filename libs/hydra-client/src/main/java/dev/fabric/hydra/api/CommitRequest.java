package dev.fabric.hydra.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The body of {@code POST /commit}, which drafts a deposit transaction (the only way to add funds to
 * an open 2.x head). The node answers with the deposit {@link Transaction} to sign and submit on L1.
 */
public sealed interface CommitRequest {

    /** Deposit these outputs as they are. */
    record Simple(Utxo utxoToCommit) implements CommitRequest {
    }

    /**
     * Deposit the outputs spent by a blueprint transaction (script outputs, partial amounts).
     *
     * @param utxo          the outputs the blueprint spends
     * @param changeAddress where change goes; omitted when null
     */
    record Blueprint(
            Transaction blueprintTx,
            Utxo utxo,
            @JsonInclude(JsonInclude.Include.NON_NULL) String changeAddress) implements CommitRequest {
    }
}
