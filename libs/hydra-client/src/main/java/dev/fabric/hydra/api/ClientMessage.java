package dev.fabric.hydra.api;

import java.time.Duration;
import java.time.Instant;

/**
 * Messages the node broadcasts to every connected client in reaction to some client's input. They
 * are not persisted, carry no {@code seq} and never appear in the history replay.
 */
public sealed interface ClientMessage extends ServerMessage, Tagged {

    /**
     * A well-formed input not applicable in the current state.
     *
     * @param state the node's full internal head state (can be large)
     */
    record CommandFailed(ClientInput clientInput, HeadState state) implements ClientMessage {
    }

    /** Posting an L1 transaction failed; {@code postTxError.tag()} names the failure (e.g. {@code NotEnoughFuel}). */
    record PostTxOnChainFailed(TaggedJson postChainTx, TaggedJson postTxError) implements ClientMessage {
    }

    /** The node is catching up with L1 and refuses inputs until {@code NodeSynced} (≥ 1.3.0). */
    record RejectedInputBecauseUnsynced(ClientInput clientInput, Duration drift) implements ClientMessage {
    }

    record SideLoadSnapshotRejected(ClientInput clientInput, TaggedJson requirementFailure) implements ClientMessage {
    }

    /** 1.3.0 to 2.3.0 only (removed in master because it flooded clients). */
    record SyncedStatusReport(long chainSlot, Instant chainTime, Duration drift, String synced) implements ClientMessage {
    }
}
