package dev.fabric.hydra.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The persisted outputs of hydra-node 2.3.0, plus master's additions. On the WebSocket each one is
 * wrapped in a {@link TimedServerOutput}; these records hold only the output's own fields.
 *
 * <p>Outputs that exist only in 1.x ({@code HeadIsInitializing}, {@code Committed},
 * {@code HeadIsAborted}) and anything newer decode as {@link Unknown}, which keeps the JSON.
 */
public sealed interface ServerOutput extends Tagged {

    /** The L2 (etcd) network is up. */
    record NetworkConnected() implements ServerOutput {
    }

    record NetworkDisconnected() implements ServerOutput {
    }

    /** A configured {@code --peer} became reachable. */
    record PeerConnected(Host peer) implements ServerOutput {
    }

    record PeerDisconnected(Host peer) implements ServerOutput {
    }

    /** @param theirVersion null when the peer's version is unknown (written as null) */
    record NetworkVersionMismatch(long ourVersion, Long theirVersion) implements ServerOutput {
    }

    record NetworkClusterIDMismatch(String clusterPeers, String misconfiguredPeers) implements ServerOutput {
    }

    /** 2.x: the Init transaction was observed; the head is open with an empty UTxO set. */
    record HeadIsOpen(String headId, List<Party> parties) implements ServerOutput, HeadScoped {
        public HeadIsOpen {
            parties = List.copyOf(parties);
        }
    }

    /** @param contestationDeadline informational; wait for {@link ReadyToFanout} */
    record HeadIsClosed(String headId, long snapshotNumber, Instant contestationDeadline)
            implements ServerOutput, HeadScoped {
    }

    record HeadIsContested(String headId, long snapshotNumber, Instant contestationDeadline)
            implements ServerOutput, HeadScoped {
    }

    record ReadyToFanout(String headId) implements ServerOutput, HeadScoped {
    }

    /** ≥ 2.2.0 ({@code utxo} before). */
    record HeadIsFinalized(String headId, @JsonProperty("finalizedUTxO") Utxo finalizedUtxo)
            implements ServerOutput, HeadScoped {
    }

    /**
     * The transaction applied to this node's local ledger. Not final: only a
     * {@link SnapshotConfirmed} containing it is.
     */
    record TxValid(String headId, String transactionId) implements ServerOutput, HeadScoped {
        public TxValid {
            Objects.requireNonNull(transactionId, "transactionId");
        }
    }

    /** @param utxo the node's local UTxO the transaction failed to apply to */
    record TxInvalid(String headId, Utxo utxo, Transaction transaction, ValidationError validationError)
            implements ServerOutput, HeadScoped {
        public TxInvalid {
            Objects.requireNonNull(transaction, "transaction");
        }
    }

    /**
     * Multi-signed by all parties: final.
     *
     * @param signatures always sent by the node although not in the 2.3.0 schema; omitted when null
     */
    record SnapshotConfirmed(
            String headId,
            Snapshot snapshot,
            @JsonInclude(JsonInclude.Include.NON_NULL) MultiSignature signatures)
            implements ServerOutput, HeadScoped {
        public SnapshotConfirmed {
            Objects.requireNonNull(snapshot, "snapshot");
        }
    }

    /** An Init for a head we are not part of was observed. */
    record IgnoredHeadInitializing(
            String headId,
            Duration contestationPeriod,
            List<Party> parties,
            List<String> participants) implements ServerOutput, HeadScoped {
        public IgnoredHeadInitializing {
            parties = List.copyOf(parties);
            participants = List.copyOf(participants);
        }
    }

    record DecommitInvalid(String headId, Transaction decommitTx, DecommitInvalidReason decommitInvalidReason)
            implements ServerOutput, HeadScoped {
    }

    record DecommitRequested(String headId, Transaction decommitTx, Utxo utxoToDecommit)
            implements ServerOutput, HeadScoped {
    }

    record DecommitApproved(String headId, String decommitTxId, Utxo utxoToDecommit)
            implements ServerOutput, HeadScoped {
    }

    record DecommitFinalized(String headId, @JsonProperty("distributedUTxO") Utxo distributedUtxo)
            implements ServerOutput, HeadScoped {
    }

    /** A deposit was observed on L1. @param pendingDeposit the deposit transaction id */
    record CommitRecorded(String headId, Utxo utxoToCommit, String pendingDeposit, Instant deadline)
            implements ServerOutput, HeadScoped {
    }

    /** The deposit matured and may now be included in a snapshot. */
    record DepositActivated(String headId, String depositTxId, Instant deadline, Instant chainTime)
            implements ServerOutput, HeadScoped {
    }

    record DepositExpired(String headId, String depositTxId, Instant deadline, Instant chainTime)
            implements ServerOutput, HeadScoped {
    }

    record CommitApproved(String headId, Utxo utxoToCommit) implements ServerOutput, HeadScoped {
    }

    /** The increment was observed on L1: the deposited funds are in the head. */
    record CommitFinalized(String headId, String depositTxId) implements ServerOutput, HeadScoped {
    }

    record CommitRecovered(String headId, @JsonProperty("recoveredUTxO") Utxo recoveredUtxo, String recoveredTxId)
            implements ServerOutput, HeadScoped {
    }

    record SnapshotSideLoaded(String headId, long snapshotNumber) implements ServerOutput, HeadScoped {
    }

    /** Replay starts here after a log rotation; earlier outputs are gone from the API. */
    record EventLogRotated(NodeState checkpoint) implements ServerOutput {
    }

    /** The node fell behind L1 and rejects inputs until {@link NodeSynced}. */
    record NodeUnsynced(long chainSlot, Instant chainTime, Duration drift) implements ServerOutput {
    }

    record NodeSynced(long chainSlot, Instant chainTime, Duration drift) implements ServerOutput {
    }

    /**
     * master only.
     *
     * @param fanoutMode {@code AutoFanningOut} or {@code AwaitingFanoutSelection}
     */
    record HeadPartiallyFannedOut(
            String headId,
            @JsonProperty("distributedUTxO") Utxo distributedUtxo,
            @JsonProperty("remainingUTxO") Utxo remainingUtxo,
            String fanoutMode) implements ServerOutput, HeadScoped {
    }

    /** An output this client does not model, or whose shape did not bind; the JSON is kept. */
    record Unknown(String tag, ObjectNode json) implements ServerOutput, RawJson {
    }
}
