package dev.fabric.hydra.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One realistic instance of every modelled message, with the optional parts filled in, for schema
 * and encoding tests. {@link #MASTER_ONLY} lists the variants hydra-node 2.3.0 does not have.
 */
public final class SampleMessages {

    public static final String HEAD_ID = "4c7c3f93c709ce947017010da871509f";
    public static final String HEAD_SEED = "111206190b110f1417181e0120141e05";
    public static final String TX_ID = "8df1616d4337ede40bbad2914f12977815234b83951bcce3bfcd735aed3f63e4";
    public static final String OTHER_TX_ID = "690ff3808a5c635bed237ebd080084527e289772bce18631ded5ecfae2c2c15f";
    public static final String ADDRESS = "addr_test1vqk7a8suz4fc86nksmp2lthnmgetwz2vvx5xsc04lu24f4ckrw9gh";
    public static final String POLICY = "2d725128406dc832eb74c4709aca0512499b3c7b17e00d7cb2e6d1b1";
    public static final Party ALICE = new Party("d0b8f28427aa7b640c636075905cbd6574a431aeaca5b3dbafd47cfe66c35043");
    public static final Party BOB = new Party("25da12b1a890acf2f85dbbdedde118e491424a6199f410b55f93ed501c83a850");
    public static final Instant TIME = Instant.parse("2026-07-20T10:11:12.123456789Z");
    public static final Transaction TX = Transaction.conway("84a300d90102818258200000000000000000000000000000000000000000000000000000000000000000000181a200581d60" + "ab".repeat(28) + "011a000f42400200a0f5f6", TX_ID);
    public static final Set<String> MASTER_ONLY = Set.of("HeadPartiallyFannedOut", "PartialFanout");

    private SampleMessages() {
    }

    public static Utxo utxo() {
        Map<TxIn, TxOut> outputs = new LinkedHashMap<>();
        outputs.put(new TxIn(TX_ID, 0), TxOut.of(ADDRESS, Value.lovelace(10_000_000)));
        outputs.put(new TxIn(TX_ID, 1), new TxOut(
                ADDRESS,
                new Value(new BigInteger("45000000000000000"), Map.of(POLICY, Map.of("f8e72d428ac3", new BigInteger("3797645294248714119")))),
                null,
                null,
                json("{\"constructor\":0,\"fields\":[{\"bytes\":\"a5\"},{\"int\":42}]}"),
                "d8799f41a5182aff",
                "e7d23476e879b3e1b6902bf7c3fad1c81a31e8832b0a68375d0e45f58e7608b5",
                new ReferenceScript("PlutusScriptLanguage PlutusScriptV3", new ScriptEnvelope("4701000022220011", "", "PlutusScriptV3"))));
        outputs.put(new TxIn(OTHER_TX_ID, 7), new TxOut(
                ADDRESS, Value.lovelace(2_000_000), null,
                "5d46d90aba667dcd5fc961c64605b74f4b87224508c2d6fac1842f4a8cdcb45a", null, null, null, null));
        return new Utxo(outputs);
    }

    public static Snapshot snapshot(Utxo utxo) {
        return new Snapshot(HEAD_ID, 1, 17, List.of(TX), utxo, null, null,
                "ef8bd62fd3de4c56198d22c97bb7d34ee888522f829aebacee780c7160ce0177");
    }

    public static MultiSignature signatures() {
        return new MultiSignature(List.of("ab".repeat(64), "cd".repeat(64)));
    }

    public static ConfirmedSnapshot.Signed confirmedSnapshot() {
        return new ConfirmedSnapshot.Signed(snapshot(utxo()), signatures());
    }

    public static HeadParameters headParameters() {
        return new HeadParameters(Duration.ofSeconds(43_200), List.of(ALICE, BOB));
    }

    public static HeadState.Open openHead() {
        return new HeadState.Open(new HeadState.OpenState(
                headParameters(),
                new HeadState.CoordinatedHeadState(utxo(), List.of(TX), Map.of(TX_ID, TX), confirmedSnapshot(),
                        new SeenSnapshot.RequestedSnapshot(17, 18), null, null, 1),
                json("{\"recordedAt\":null,\"spendableUTxO\":{}}"),
                HEAD_ID,
                HEAD_SEED));
    }

    public static HeadState.Closed closedHead() {
        return new HeadState.Closed(new HeadState.ClosedState(headParameters(), confirmedSnapshot(), TIME, false,
                json("{}"), HEAD_ID, HEAD_SEED, 1, null, Utxo.EMPTY));
    }

    public static HeadState.Idle idleHead() {
        return new HeadState.Idle(new HeadState.IdleState(json("{\"recordedAt\":null}")));
    }

    /** Every server output variant (without the seq/timestamp envelope). */
    public static List<ServerOutput> serverOutputs() {
        Utxo utxo = utxo();
        return List.of(
                new ServerOutput.NetworkConnected(),
                new ServerOutput.NetworkDisconnected(),
                new ServerOutput.PeerConnected(new Host("10.0.0.10", 5001)),
                new ServerOutput.PeerDisconnected(new Host("peer.local", 5002)),
                new ServerOutput.NetworkVersionMismatch(2, null),
                new ServerOutput.NetworkClusterIDMismatch("alice=http://10.0.0.1:5001", "bob=http://10.0.0.2:5001"),
                new ServerOutput.HeadIsOpen(HEAD_ID, List.of(ALICE, BOB)),
                new ServerOutput.HeadIsClosed(HEAD_ID, 17, TIME.plusSeconds(43_200)),
                new ServerOutput.HeadIsContested(HEAD_ID, 18, TIME.plusSeconds(86_400)),
                new ServerOutput.ReadyToFanout(HEAD_ID),
                new ServerOutput.HeadIsFinalized(HEAD_ID, utxo),
                new ServerOutput.TxValid(HEAD_ID, TX_ID),
                new ServerOutput.TxInvalid(HEAD_ID, utxo, TX, new ValidationError("ApplyTxError [BadInputsUTxO]")),
                new ServerOutput.SnapshotConfirmed(HEAD_ID, snapshot(utxo), signatures()),
                new ServerOutput.IgnoredHeadInitializing(HEAD_ID, Duration.ofSeconds(600), List.of(ALICE),
                        List.of("47a6a70e747841ca1437a88f8de62e9a9db1b8130b880ed3bda0e04e")),
                new ServerOutput.DecommitInvalid(HEAD_ID, TX,
                        new DecommitInvalidReason.DecommitTxInvalid(utxo, new ValidationError("BadInputsUTxO"))),
                new ServerOutput.DecommitRequested(HEAD_ID, TX, utxo),
                new ServerOutput.DecommitApproved(HEAD_ID, TX_ID, utxo),
                new ServerOutput.DecommitFinalized(HEAD_ID, utxo),
                new ServerOutput.CommitRecorded(HEAD_ID, utxo, OTHER_TX_ID, TIME.plusSeconds(3_600)),
                new ServerOutput.DepositActivated(HEAD_ID, OTHER_TX_ID, TIME.plusSeconds(3_600), TIME),
                new ServerOutput.DepositExpired(HEAD_ID, OTHER_TX_ID, TIME, TIME.plusSeconds(1)),
                new ServerOutput.CommitApproved(HEAD_ID, utxo),
                new ServerOutput.CommitFinalized(HEAD_ID, OTHER_TX_ID),
                new ServerOutput.CommitRecovered(HEAD_ID, utxo, OTHER_TX_ID),
                new ServerOutput.SnapshotSideLoaded(HEAD_ID, 17),
                new ServerOutput.EventLogRotated(new NodeState.NodeInSync(
                        openHead(),
                        Map.of(OTHER_TX_ID, new NodeState.Deposit(HEAD_ID, utxo, TIME, TIME.plusSeconds(3_600),
                                new TaggedJson(json("{\"tag\":\"Active\"}")))),
                        new NodeState.ChainPointTime(123_456, TIME, Duration.ofMillis(1_500)))),
                new ServerOutput.NodeUnsynced(123_456, TIME, Duration.ofSeconds(700, 250_000_000)),
                new ServerOutput.NodeSynced(123_500, TIME, Duration.ofMillis(20)),
                new ServerOutput.HeadPartiallyFannedOut(HEAD_ID, utxo, Utxo.EMPTY, "AutoFanningOut"));
    }

    public static List<ClientInput> clientInputs() {
        return List.of(
                new ClientInput.Init(),
                new ClientInput.NewTx(TX),
                new ClientInput.Recover(OTHER_TX_ID),
                new ClientInput.Decommit(TX),
                new ClientInput.Close(),
                new ClientInput.SafeClose(),
                new ClientInput.Contest(),
                new ClientInput.Fanout(),
                new ClientInput.SideLoadSnapshot(confirmedSnapshot()),
                new ClientInput.PartialFanout(utxo()));
    }

    public static List<ClientMessage> clientMessages() {
        return List.of(
                new ClientMessage.CommandFailed(new ClientInput.NewTx(TX), openHead()),
                new ClientMessage.PostTxOnChainFailed(
                        new TaggedJson(json("{\"tag\":\"RecoverTx\",\"headId\":\"" + HEAD_ID + "\",\"recoverTxId\":\"" + OTHER_TX_ID
                                + "\",\"recoverUTxO\":{},\"deadline\":123456}")),
                        new TaggedJson(json("{\"tag\":\"NotEnoughFuel\",\"failingTx\":" + HydraJson.mapper().valueToTree(TX) + "}"))),
                new ClientMessage.RejectedInputBecauseUnsynced(new ClientInput.Close(), Duration.ofSeconds(21_601)),
                new ClientMessage.SideLoadSnapshotRejected(new ClientInput.SideLoadSnapshot(confirmedSnapshot()),
                        new TaggedJson(json("{\"tag\":\"SideLoadSnNumberInvalid\",\"requestedSn\":3,\"lastSeenSn\":17}"))),
                new ClientMessage.SyncedStatusReport(123_456, TIME, Duration.ofSeconds(3), "CatchingUp"));
    }

    public static Greetings greetings() {
        return new Greetings(ALICE, "Open", HEAD_ID, utxo(), null, "2.3.0-ef833d8",
                new Environment(ALICE, List.of(BOB), List.of("47a6a70e747841ca1437a88f8de62e9a9db1b8130b880ed3bda0e04e"),
                        Duration.ofSeconds(43_200), Duration.ofSeconds(3_600), null, Duration.ofSeconds(21_600),
                        "10.0.0.2:5001"),
                new NetworkInfo(true, Map.of("10.0.0.2:5001", true)),
                "InSync",
                123_456L);
    }

    public static InvalidInput invalidInput() {
        return new InvalidInput("Error in $: key \"tag\" not found", "{\"transaction\":{}}");
    }

    public static ObjectNode json(String text) {
        try {
            return (ObjectNode) HydraJson.mapper().readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
