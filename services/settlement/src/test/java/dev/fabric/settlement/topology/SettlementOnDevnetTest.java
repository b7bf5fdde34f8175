package dev.fabric.settlement.topology;

import static dev.fabric.settlement.fixture.DevnetMarket.ADA;
import static dev.fabric.settlement.fixture.TestKeys.APP;
import static dev.fabric.settlement.fixture.TestKeys.ARBITER;
import static dev.fabric.settlement.fixture.TestKeys.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.bloxbean.cardano.client.api.model.Utxo;
import dev.fabric.events.v1.award.AuctionDecision;
import dev.fabric.events.v1.dlq.DeadLetter;
import dev.fabric.events.v1.hydra.L2Transaction;
import dev.fabric.events.v1.settlement.AwardSubmitted;
import dev.fabric.events.v1.settlement.ClaimConfirmed;
import dev.fabric.events.v1.settlement.LeaseConfirmed;
import dev.fabric.events.v1.settlement.LeaseSource;
import dev.fabric.events.v1.settlement.RefundConfirmed;
import dev.fabric.events.v1.settlement.SettlementFailed;
import dev.fabric.events.v1.settlement.SettlementStage;
import dev.fabric.hydra.api.TxIn;
import dev.fabric.hydra.api.TxOut;
import dev.fabric.plutus.blueprint.FabricScripts;
import dev.fabric.plutus.datum.BidDatum;
import dev.fabric.plutus.datum.LeaseDatum;
import dev.fabric.plutus.tx.SignedTransaction;
import dev.fabric.plutus.head.HeadUtxos;
import dev.fabric.settlement.chain.ChainReader;
import dev.fabric.settlement.domain.BidSettlement;
import dev.fabric.settlement.domain.Decision;
import dev.fabric.settlement.domain.Head;
import dev.fabric.settlement.domain.HeadAnswer;
import dev.fabric.settlement.domain.LeaseTerms;
import dev.fabric.settlement.domain.PreparedTx;
import dev.fabric.settlement.domain.SettlementInput;
import dev.fabric.settlement.domain.TxPurpose;
import dev.fabric.settlement.fixture.DevnetMarket;
import dev.fabric.settlement.fixture.Events;
import dev.fabric.settlement.fixture.L2Feed;
import dev.fabric.settlement.fixture.OfflineMarket;
import dev.fabric.settlement.fixture.TestHeads;
import dev.fabric.settlement.fixture.TestKeys;
import dev.fabric.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The settlement topology (TopologyTestDriver) against a real devnet: real transactions, real
 * script evaluation, the head's own answers. Confirmed transactions reach the topology as the
 * {@code L2Transaction} records bid-ingest would write, built from the devnet's SnapshotConfirmed.
 */
class SettlementOnDevnetTest {

    private static final long PRICE = 12 * ADA;
    private static final Duration AWARD_VALIDITY = Duration.ofSeconds(5);
    private static DevnetMarket market;
    private static L2Feed feed;
    private static TestHeads heads;
    private static final AtomicInteger BIDS = new AtomicInteger();

    private SettlementDriver driver;
    private int fed;

    @BeforeAll
    static void openTheHead() {
        market = DevnetMarket.start(40, "per-tx");
        feed = L2Feed.collecting(market.devnet);
        heads = new TestHeads(market, AWARD_VALIDITY, dev.fabric.settlement.adapter.HeadActivity.NONE).ready();
    }

    @AfterAll
    static void closeTheHead() {
        feed.close();
        market.close();
    }

    @BeforeEach
    void startTheTopology() {
        fed = feed.records().size();
        driver = SettlementDriver.onDevnet(heads.head);
    }

    @AfterEach
    void checkConservation() {
        market.devnet.faults().clear();
        assertThat(market.devnet.confirmedUtxo().totalLovelace()).isEqualTo(market.genesisLovelace());
        assertThat(driver.metrics.violationCount()).isZero();
        driver.close();
    }

    /** An auction bid and an offer for it, both confirmed on the head and read by the topology. */
    private record Market(String bidRef, String offerRef, Utxo bid, BidDatum datum) {
    }

    private Market openAuction(long durationSeconds) {
        int i = BIDS.getAndIncrement();
        long now = market.now();
        BidDatum datum = OfflineMarket.auctionBid(now + 600_000, durationSeconds);
        SignedTransaction open = market.openBid(i, datum);
        Utxo bid = OfflineMarket.output(open, 0);
        SignedTransaction offer = market.makeOffer(i, bid, OPERATOR, PRICE, now + 900_000);
        confirmOnDriver(offer.txId());
        return new Market(open.txId() + "#0", offer.txId() + "#0", bid, datum);
    }

    private AuctionDecision decision(Market m, Duration deployWindow) {
        return Events.auction(m.bidRef(), m.offerRef(), OPERATOR, PRICE, Instant.now(), deployWindow);
    }

    /** Waits for the head to confirm {@code txId} and the feed to read it, then pipes what is new. */
    private void confirmOnDriver(String txId) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                .until(() -> feed.records().stream().anyMatch(r -> r.getTxId().equals(txId)));
        List<L2Transaction> fresh = feed.since(fed);
        fed += fresh.size();
        driver.confirm(fresh);
    }

    private String awardTxId() {
        return driver.events(AwardSubmitted.class).get(0).getTxId();
    }

    private Utxo headOutput(String ref) {
        TxIn in = TxIn.parse(ref);
        TxOut out = market.confirmedUtxo().get(in);
        assertThat(out).as("%s on the head", ref).isNotNull();
        return HeadUtxos.toUtxo(in, out);
    }

    @Test
    void shouldSettleAnAwardEndToEndAndReportTheOperatorsClaim() {
        Market m = openAuction(1);

        driver.decide(decision(m, Duration.ofMinutes(5)));
        assertThat(driver.events(AwardSubmitted.class)).singleElement().satisfies(a -> {
            assertThat(a.getOfferRef()).isEqualTo(m.offerRef());
            assertThat(a.getPrice()).isEqualTo(PRICE);
        });
        assertThat(driver.events(LeaseConfirmed.class)).isEmpty();
        confirmOnDriver(awardTxId());

        LeaseConfirmed lease = driver.events(LeaseConfirmed.class).get(0);
        assertThat(lease.getLeaseRef()).isEqualTo(awardTxId() + "#0");
        assertThat(lease.getSource()).isEqualTo(LeaseSource.AWARD);
        assertThat(lease.getOperatorId()).isEqualTo(OPERATOR.keyHash().hex());
        assertThat(lease.getPrice()).isEqualTo(PRICE);
        assertThat(lease.getArbiter()).isEqualTo(ARBITER.keyHash().hex());
        assertThat(driver.events().get(1).getChain().getTxId()).isEqualTo(awardTxId());

        driver.deploy(Events.running(m.bidRef(), OPERATOR, Instant.now()));
        Utxo leaseOutput = headOutput(lease.getLeaseRef());
        long leaseEnd = LeaseDatum.fromInlineDatumHex(leaseOutput.getInlineDatum()).endMs();
        await().atMost(Duration.ofSeconds(15)).until(() -> market.now() >= leaseEnd + 1000);
        SignedTransaction claim = market.claim(leaseOutput, OPERATOR, Optional.empty(), leaseEnd);
        confirmOnDriver(claim.txId());

        assertThat(driver.events(ClaimConfirmed.class)).singleElement().satisfies(c -> {
            assertThat(c.getAmount()).isEqualTo(PRICE);
            assertThat(c.getEarly()).isFalse();
            assertThat(c.getLeaseRef()).isEqualTo(lease.getLeaseRef());
        });
        assertThat(driver.state(m.bidRef()).stage()).isEqualTo(BidSettlement.Stage.CLAIMED);
        assertThat(driver.events()).extracting(e -> e.getPayload().getClass().getSimpleName())
                .containsExactly("AwardSubmitted", "LeaseConfirmed", "ClaimConfirmed");
    }

    @Test
    void shouldUseTheReferenceScriptsItPublishedOnce() {
        Market m = openAuction(60);

        driver.decide(decision(m, Duration.ofMinutes(5)));
        confirmOnDriver(awardTxId());

        Map<TxIn, TxOut> utxo = market.confirmedUtxo();
        List<String> published = utxo.values().stream()
                .filter(out -> out.address().equals(TestKeys.address(ARBITER)))
                .flatMap(out -> HeadUtxos.referenceScriptHash(out).stream()).toList();
        assertThat(published).containsExactlyInAnyOrder(FabricScripts.bid().scriptHash(), FabricScripts.offer().scriptHash(),
                FabricScripts.lease().scriptHash());
        L2Transaction award = feed.spending(m.bidRef()).get(0);
        assertThat(award.getReferenceInputs()).hasSize(2);
        assertThat(award.getCbor().remaining()).isLessThan(1200);
    }

    @Test
    void shouldSubmitOneTransactionForDuplicateDecisionRecords() {
        Market m = openAuction(60);
        AuctionDecision decision = decision(m, Duration.ofMinutes(5));

        driver.decide(decision);
        driver.decide(decision);
        driver.decide(AuctionDecision.newBuilder(decision).setEventId("re-emitted-" + decision.getEventId()).build());
        confirmOnDriver(awardTxId());
        driver.decide(decision);

        assertThat(driver.events(AwardSubmitted.class)).hasSize(1);
        assertThat(driver.events(LeaseConfirmed.class)).hasSize(1);
        assertThat(feed.spending(m.bidRef())).hasSize(1);
        assertThat(driver.deadLetters()).isEmpty();
    }

    @Test
    void shouldRefundWhenTheDeploymentFailed() {
        Market m = openAuction(3600);
        driver.decide(decision(m, Duration.ofMinutes(5)));
        confirmOnDriver(awardTxId());
        String leaseRef = driver.events(LeaseConfirmed.class).get(0).getLeaseRef();

        driver.deploy(Events.failed(m.bidRef(), OPERATOR, Instant.now()));
        BidSettlement refunding = driver.state(m.bidRef());
        assertThat(refunding.stage()).isEqualTo(BidSettlement.Stage.REFUNDING);
        String refundTx = refunding.refund().orElseThrow().txId().orElseThrow();
        confirmOnDriver(refundTx);

        assertThat(driver.events(RefundConfirmed.class)).singleElement().satisfies(r -> {
            assertThat(r.getLeaseRef()).isEqualTo(leaseRef);
            assertThat(r.getAmount()).isEqualTo(PRICE);
            assertThat(r.getAppPkh()).isEqualTo(APP.keyHash().hex());
            assertThat(r.getReason()).contains("deployment failed").contains("image pull back-off");
        });
        TxOut paid = market.confirmedUtxo().get(new TxIn(refundTx, 0));
        assertThat(paid.address()).isEqualTo(TestKeys.address(APP));
        assertThat(paid.value().lovelace().longValueExact()).isEqualTo(PRICE);
        assertThat(driver.state(m.bidRef()).stage()).isEqualTo(BidSettlement.Stage.REFUNDED);
    }

    @Test
    void shouldRefundWhenNothingRanByTheDeployDeadline() {
        Market m = openAuction(3600);
        driver.decide(decision(m, Duration.ofSeconds(20)));
        confirmOnDriver(awardTxId());
        driver.deploy(Events.provisioning(m.bidRef(), awardTxId() + "#0", OPERATOR, Instant.now()));

        driver.advance(Duration.ofSeconds(5));
        assertThat(driver.state(m.bidRef()).refund()).isEmpty();
        driver.advance(Duration.ofSeconds(20));
        String refundTx = driver.state(m.bidRef()).refund().orElseThrow().txId().orElseThrow();
        confirmOnDriver(refundTx);

        assertThat(driver.events(RefundConfirmed.class)).singleElement()
                .satisfies(r -> assertThat(r.getReason()).contains("not running by its deadline"));
    }

    @Test
    void shouldConfirmOnceAfterTheHeadStalledAndRecovered() {
        Market m = openAuction(60);
        market.devnet.faults().stallSnapshots(Duration.ofSeconds(5));

        driver.decide(decision(m, Duration.ofMinutes(5)));
        assertThat(driver.events(AwardSubmitted.class)).hasSize(1);
        assertThat(market.confirmed(awardTxId())).isFalse();
        // The confirm timeout passes during the stall: the head still holds the bid, so the same
        // bytes go in again; the node already has them and answers BadInputsUTxO, judged pending.
        driver.advance(SettlementDriver.TIMINGS.confirmTimeout().plusMillis(100));
        BidSettlement waiting = driver.state(m.bidRef());
        assertThat(waiting.award().orElseThrow().submissions()).isEqualTo(2);
        assertThat(waiting.award().orElseThrow().txId()).contains(awardTxId());
        assertThat(driver.events(SettlementFailed.class)).isEmpty();

        confirmOnDriver(awardTxId());

        assertThat(driver.events(LeaseConfirmed.class)).hasSize(1);
        assertThat(feed.spending(m.bidRef())).hasSize(1);
        assertThat(driver.metrics.registry().counter("settlement_notices_total", "kind", "resubmitted").count()).isEqualTo(1);
    }

    @Test
    void shouldConfirmOnceWhenTheHeadRestartsWithTheAwardPending() {
        Market m = openAuction(60);
        market.devnet.faults().stallSnapshots(Duration.ofSeconds(30));
        driver.decide(decision(m, Duration.ofMinutes(5)));

        market.devnet.faults().restart(); // the node keeps its pending transactions; the stall is gone
        confirmOnDriver(awardTxId());

        assertThat(driver.events(LeaseConfirmed.class)).hasSize(1);
        assertThat(feed.spending(m.bidRef())).hasSize(1);
    }

    @Test
    void shouldRetryWithBackoffWhileTheHeadIsUnreachable() {
        Market m = openAuction(60);
        driver.close();
        FlakyHead flaky = new FlakyHead(heads.head, 2);
        driver = SettlementDriver.onDevnet(flaky);

        driver.decide(decision(m, Duration.ofMinutes(5)));
        assertThat(driver.events(AwardSubmitted.class)).isEmpty();
        driver.advance(Duration.ofMillis(250));
        assertThat(driver.state(m.bidRef()).retries()).isEqualTo(2);
        driver.advance(Duration.ofMillis(450));
        confirmOnDriver(awardTxId());

        assertThat(driver.events(LeaseConfirmed.class)).hasSize(1);
        assertThat(flaky.calls).isEqualTo(3);
    }

    @Test
    void shouldFailAndDeadLetterTheDecisionWhenTheHeadRejectsTheAward() {
        Market m = openAuction(60);
        market.devnet.faults().rejectNextTransactions(1);
        AuctionDecision decision = decision(m, Duration.ofMinutes(5));

        driver.decide(decision);

        assertThat(driver.events(SettlementFailed.class)).singleElement().satisfies(f -> {
            assertThat(f.getStage()).isEqualTo(SettlementStage.AWARD);
            assertThat(f.getReason()).contains("rejected");
            assertThat(f.getRetriable()).isFalse();
        });
        DeadLetter dead = driver.deadLetters().get(0);
        assertThat(dead.getSourceTopic()).isEqualTo(Topics.AWARDS.name());
        assertThat(dead.getService()).isEqualTo("settlement");
        assertThat(Topics.AWARDS.valueSerde().deserializer().deserialize("t", dead.getPayload().array())).isEqualTo(decision);
        assertThat(market.confirmedUtxo()).containsKey(TxIn.parse(m.bidRef()));
    }

    @Test
    void shouldFailTheAwardOfABidItsAppCancelled() {
        Market m = openAuction(60);
        SignedTransaction cancel = market.cancel(headOutput(m.bidRef()));
        confirmOnDriver(cancel.txId());

        driver.decide(decision(m, Duration.ofMinutes(5)));

        assertThat(driver.events(SettlementFailed.class)).singleElement()
                .satisfies(f -> assertThat(f.getReason()).contains("cancelled").contains(cancel.txId()));
        assertThat(driver.events(AwardSubmitted.class)).isEmpty();
    }

    @Test
    void shouldTrackARaceLeaseWithoutATransactionOfItsOwn() {
        int i = BIDS.getAndIncrement();
        long now = market.now();
        SignedTransaction open = market.openBid(i, OfflineMarket.raceBid(now + 600_000, 60));
        confirmOnDriver(open.txId());
        SignedTransaction accept = market.raceAccept(OfflineMarket.output(open, 0), OPERATOR, 7 * ADA);
        confirmOnDriver(accept.txId());

        assertThat(driver.events(LeaseConfirmed.class)).singleElement().satisfies(l -> {
            assertThat(l.getSource()).isEqualTo(LeaseSource.RACE_ACCEPT);
            assertThat(l.getPrice()).isEqualTo(7 * ADA);
        });
        driver.decide(Events.race(open.txId() + "#0", accept.txId() + "#0", OPERATOR, 7 * ADA, Instant.now(), Duration.ofMinutes(5)));

        assertThat(driver.events(AwardSubmitted.class)).isEmpty();
        assertThat(driver.state(open.txId() + "#0").wakeAt()).isPresent();
    }

    @Test
    void shouldReportAnEarlyClaimCoSignedByTheArbiter() {
        Market m = openAuction(3600);
        driver.decide(decision(m, Duration.ofMinutes(5)));
        confirmOnDriver(awardTxId());

        SignedTransaction claim = market.claim(headOutput(awardTxId() + "#0"), OPERATOR, Optional.of(ARBITER), market.now() - 1000);
        confirmOnDriver(claim.txId());

        assertThat(driver.events(ClaimConfirmed.class)).singleElement().satisfies(c -> assertThat(c.getEarly()).isTrue());
    }

    @Test
    void shouldReadTheSameFactsAsTheChainReaderFromEveryConfirmedTransaction() {
        ChainReader reader = new ChainReader(TestKeys.NETWORK);
        for (L2Transaction record : feed.records()) {
            assertThat(reader.read(record, ref -> Optional.empty(), ref -> Optional.empty()).verdicts())
                    .allMatch(dev.fabric.settlement.domain.MoneyRules.Verdict::holds);
        }
    }

    /** The real head behind a connection that fails the first {@code failures} calls. */
    private static final class FlakyHead implements Head {
        private final Head real;
        private int failures;
        int calls;

        FlakyHead(Head real, int failures) {
            this.real = real;
            this.failures = failures;
        }

        @Override
        public HeadAnswer submitAward(Decision decision, Instant now) {
            calls++;
            if (failures-- > 0) {
                return new HeadAnswer.Unavailable(Optional.empty(), "connection refused");
            }
            return real.submitAward(decision, now);
        }

        @Override
        public HeadAnswer submitRefund(LeaseTerms lease, Instant now) {
            return real.submitRefund(lease, now);
        }

        @Override
        public HeadAnswer resubmit(PreparedTx tx) {
            return real.resubmit(tx);
        }

        @Override
        public SettlementInput.Inspected inspect(TxPurpose purpose, PreparedTx tx) {
            return real.inspect(purpose, tx);
        }
    }
}
