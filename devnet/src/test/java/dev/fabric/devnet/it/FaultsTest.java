package dev.fabric.devnet.it;

import static dev.fabric.devnet.it.DevnetFixtures.ADA;
import static dev.fabric.devnet.it.DevnetFixtures.ALICE;
import static dev.fabric.devnet.it.DevnetFixtures.BOB;
import static dev.fabric.devnet.it.DevnetFixtures.genesis;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fabric.devnet.HydraDevnet;
import dev.fabric.devnet.head.LatencyDistribution;
import dev.fabric.devnet.wallet.SignedTx;
import dev.fabric.devnet.wallet.TxDraft;
import dev.fabric.hydra.client.HeadConnection;
import dev.fabric.hydra.client.Submission;
import dev.fabric.hydra.client.TxSubmitter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every fault mode, through the Java API and the HTTP admin endpoint. */
class FaultsTest {

    private HydraDevnet devnet;
    private HeadConnection connection;
    private TxSubmitter submitter;

    @BeforeEach
    void start() {
        devnet = HydraDevnet.start(DevnetFixtures.fundedConfig());
        connection = DevnetFixtures.client(devnet);
        connection.start().join();
        submitter = DevnetFixtures.submitter(connection, DevnetFixtures.http(devnet));
    }

    @AfterEach
    void stop() {
        submitter.close();
        connection.close();
        devnet.close();
    }

    private static SignedTx payment(int genesisIndex) {
        return new TxDraft().spend(genesis(genesisIndex)).pay(BOB.address(), 40 * ADA).pay(ALICE.address(), 60 * ADA).sign(ALICE);
    }

    private HttpResponse<String> postFault(String json) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(devnet.httpUri() + "/devnet/faults"))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldStallSnapshotsWhileTransactionsStayValid() {
        devnet.faults().stallSnapshots(Duration.ofSeconds(3));

        Submission submission = submitter.submit(payment(0).envelope());

        submission.accepted().join();
        await().during(Duration.ofMillis(1000)).atMost(Duration.ofMillis(1500)).until(() -> !submission.confirmed().isDone());
        assertThat(submission.confirmed().join().snapshotNumber()).isPositive();
    }

    @Test
    void shouldRejectTheNextTransactionsOnRequest() {
        devnet.faults().rejectNextTransactions(2);

        Submission first = submitter.submit(payment(0).envelope());
        Submission second = submitter.submit(payment(1).envelope());
        Submission third = submitter.submit(payment(2).envelope());

        assertThat(first.accepted()).failsWithin(Duration.ofSeconds(5)).withThrowableThat().withMessageContaining("fault injection");
        assertThat(second.accepted()).failsWithin(Duration.ofSeconds(5));
        assertThat(third.confirmed().join().txId()).isEqualTo(payment(2).txId());
    }

    @Test
    void shouldDelayConfirmationByTheConfiguredLatency() {
        devnet.faults().slowConfirmation(new LatencyDistribution.Fixed(Duration.ofMillis(1500)));

        Instant sent = Instant.now();
        Submission submission = submitter.submit(payment(0).envelope());
        submission.accepted().join();
        submission.confirmed().join();

        assertThat(Duration.between(sent, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
        devnet.faults().clear();
        Instant again = Instant.now();
        submitter.submit(payment(1).envelope()).confirmed().join();
        assertThat(Duration.between(again, Instant.now())).isLessThan(Duration.ofMillis(1500));
    }

    @Test
    void shouldDropConnectionsAndRestartOverHttp() throws Exception {
        try (FrameRecorder recorder = FrameRecorder.connect(devnet.webSocketUri(), "")) {
            await().atMost(Duration.ofSeconds(5)).until(() -> recorder.tags().contains("Greetings"));
            assertThat(postFault("{\"fault\":\"drop-connections\"}").statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(5)).until(recorder::closedByServer);
        }
        long seq = devnet.lastSeq();
        assertThat(postFault("{\"fault\":\"restart\"}").statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> connection.metrics().connectionsOpened() >= 3 && connection.isConnected());
        assertThat(devnet.lastSeq()).isEqualTo(seq);
        assertThat(submitter.submit(payment(0).envelope()).confirmed().join().seq()).isGreaterThan(seq);
    }

    @Test
    void shouldSwitchFaultsOverHttpAndRefuseUnknownOnes() throws Exception {
        assertThat(postFault("{\"fault\":\"reject-next\",\"count\":1}").statusCode()).isEqualTo(200);
        assertThat(submitter.submit(payment(0).envelope()).accepted()).failsWithin(Duration.ofSeconds(5));
        assertThat(postFault("{\"fault\":\"stall\",\"millis\":300}").statusCode()).isEqualTo(200);
        assertThat(postFault("{\"fault\":\"slow-confirmation\",\"latency\":{\"kind\":\"uniform\",\"minMs\":10,\"maxMs\":50}}").statusCode())
                .isEqualTo(200);
        assertThat(submitter.submit(payment(1).envelope()).confirmed().join().snapshotNumber()).isPositive();
        assertThat(postFault("{\"fault\":\"clear\"}").statusCode()).isEqualTo(200);

        assertThat(postFault("{\"fault\":\"meteor\"}").statusCode()).isEqualTo(400);
        assertThat(postFault("{\"fault\":\"stall\"}").statusCode()).isEqualTo(400);
        assertThat(postFault("not json").statusCode()).isEqualTo(400);
        assertThat(devnet.malformedInputs()).isEqualTo(3);
    }
}
