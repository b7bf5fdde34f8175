package dev.fabric.devnet.it;

import static dev.fabric.devnet.it.DevnetFixtures.ADA;
import static dev.fabric.devnet.it.DevnetFixtures.ALICE;
import static dev.fabric.devnet.it.DevnetFixtures.BOB;
import static dev.fabric.devnet.it.DevnetFixtures.genesis;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.bloxbean.cardano.client.common.model.Networks;
import dev.fabric.devnet.HydraDevnet;
import dev.fabric.devnet.wallet.SignedTx;
import dev.fabric.devnet.wallet.TxDraft;
import dev.fabric.hydra.api.SubmitTxResult;
import dev.fabric.hydra.client.HeadConnection;
import dev.fabric.hydra.client.HydraHttpClient;
import dev.fabric.hydra.client.Submission;
import dev.fabric.hydra.client.TxRejectedException;
import dev.fabric.hydra.client.TxSubmitter;
import dev.fabric.plutus.blueprint.FabricScripts;
import dev.fabric.plutus.datum.BidDatum;
import dev.fabric.plutus.datum.BidRedeemer;
import dev.fabric.plutus.datum.KeyHash;
import dev.fabric.plutus.datum.Mode;
import dev.fabric.plutus.datum.Request;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Transactions through the hydra-client: conflicts, bad witnesses, failing scripts, HTTP submission, bad input. */
class TransactionsTest {

    private HydraDevnet devnet;
    private FrameRecorder recorder;
    private HeadConnection connection;
    private HydraHttpClient http;
    private TxSubmitter submitter;

    @BeforeEach
    void start() {
        devnet = HydraDevnet.start(DevnetFixtures.fundedConfig());
        recorder = FrameRecorder.connect(devnet.webSocketUri(), "history=yes");
        connection = DevnetFixtures.client(devnet);
        connection.start().join();
        http = DevnetFixtures.http(devnet);
        submitter = DevnetFixtures.submitter(connection, http);
    }

    @AfterEach
    void stop() {
        submitter.close();
        connection.close();
        recorder.close();
        devnet.close();
        assertThat(recorder.schemaViolations()).isEmpty();
    }

    private static Throwable rejection(Submission submission) {
        return submission.accepted().handle((ok, error) -> error instanceof CompletionException c ? c.getCause() : error).join();
    }

    @Test
    void shouldConfirmExactlyOneOfTwoConflictingSpends() {
        SignedTx first = new TxDraft().spend(genesis(0)).pay(BOB.address(), 100 * ADA).sign(ALICE);
        SignedTx second = new TxDraft().spend(genesis(0)).pay(ALICE.address(), 100 * ADA).sign(ALICE);

        Submission one = submitter.submit(first.envelope());
        Submission two = submitter.submit(second.envelope());

        assertThat(one.confirmed().join().txId()).isEqualTo(first.txId());
        assertThat(rejection(two)).isInstanceOfSatisfying(TxRejectedException.class,
                e -> assertThat(e.getMessage()).contains("BadInputsUTxO"));
        await().atMost(Duration.ofSeconds(5)).until(() -> recorder.tags().contains("TxInvalid"));
        var invalid = recorder.tagged("TxInvalid").get(0);
        assertThat(invalid.path("transaction").path("txId").asText()).isEqualTo(second.txId());
        assertThat(invalid.path("validationError").path("reason").asText()).contains("BadInputsUTxO");
        assertThat(recorder.tagged("SnapshotConfirmed")).noneMatch(s -> s.toString().contains(second.txId()));
    }

    @Test
    void shouldRejectATransactionWithoutTheSpendersSignature() {
        SignedTx forged = new TxDraft().spend(genesis(1)).pay(BOB.address(), 100 * ADA).sign(BOB);

        assertThat(rejection(submitter.submit(forged.envelope())))
                .hasMessageContaining("MissingVKeyWitnessesUTXOW").hasMessageContaining(ALICE.keyHash());
    }

    @Test
    void shouldRejectATransactionWithAnInvalidSignature() {
        SignedTx tx = new TxDraft().spend(genesis(1)).pay(BOB.address(), 100 * ADA).sign(ALICE);
        byte[] cbor = tx.cbor().clone();
        cbor[cbor.length - 3] ^= 0x01;
        SignedTx tampered = new SignedTx(cbor, tx.txId());

        assertThat(rejection(submitter.submit(tampered.envelope()))).hasMessageContaining("InvalidWitnessesUTXOW");
    }

    @Test
    void shouldRejectASpendWhoseValidatorFailsWithTheScriptError() {
        BidDatum bid = new BidDatum(KeyHash.ofHex(ALICE.keyHash()),
                new Request(1000, 512, 1, 0, 3600, Optional.empty(), "ab".repeat(32)),
                2 * ADA, 15 * ADA, new Mode.Race(), 4_102_444_800_000L, Optional.empty(), List.of());
        String bidAddress = FabricScripts.bid().addressBech32(Networks.testnet());
        SignedTx open = new TxDraft().spend(genesis(2)).pay(bidAddress, 20 * ADA, bid.toPlutusData())
                .pay(ALICE.address(), 80 * ADA).sign(ALICE);
        submitter.submit(open.envelope()).confirmed().join();

        TxDraft cancel = new TxDraft()
                .spendScript(open.output(0), FabricScripts.bid().plutusScript(), new BidRedeemer.Cancel().toPlutusData(),
                        2_000_000, 1_000_000_000)
                .pay(ALICE.address(), 20 * ADA)
                .collateral(genesis(3));
        SignedTx unsigned = cancel.sign(ALICE);

        assertThat(rejection(submitter.submit(unsigned.envelope())))
                .hasMessageContaining("ValidationTagMismatch").hasMessageContaining("app must sign");

        SignedTx signed = cancel.requireSigner(ALICE).sign(ALICE);
        assertThat(submitter.submit(signed.envelope()).confirmed().join().txId()).isEqualTo(signed.txId());
    }

    @Test
    void shouldAnswerPostTransactionWith202WhenValidAnd400WhenInvalid() {
        SignedTx valid = new TxDraft().spend(genesis(4)).pay(BOB.address(), 100 * ADA).sign(ALICE);
        SignedTx conflicting = new TxDraft().spend(genesis(4)).pay(ALICE.address(), 100 * ADA).sign(ALICE);

        assertThat(http.submitTransaction(valid.envelope())).isInstanceOf(SubmitTxResult.SubmitTxSubmitted.class);
        assertThat(http.submitTransaction(conflicting.envelope())).isInstanceOfSatisfying(SubmitTxResult.SubmitTxInvalid.class,
                invalid -> assertThat(invalid.validationError()).contains("BadInputsUTxO"));
    }

    @Test
    void shouldAnswerMalformedInputWithInvalidInputAndKeepServing() {
        recorder.send("not json at all");
        recorder.send("{\"tag\":\"NewTx\",\"transaction\":{\"type\":\"Tx ConwayEra\",\"description\":\"\",\"cborHex\":\"deadbeef\"}}");
        recorder.send("{\"tag\":\"NoSuchInput\"}");

        await().atMost(Duration.ofSeconds(5)).until(() -> recorder.tagged("InvalidInput").size() == 3);
        assertThat(devnet.malformedInputs()).isEqualTo(3);

        SignedTx tx = new TxDraft().spend(genesis(5)).pay(BOB.address(), 100 * ADA).sign(ALICE);
        assertThat(submitter.submit(tx.envelope()).confirmed().join().txId()).isEqualTo(tx.txId());
    }
}
