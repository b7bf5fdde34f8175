package dev.fabric.deployer.adapter;

import static dev.fabric.deployer.support.DevnetMarket.ADA;
import static dev.fabric.deployer.support.DevnetMarket.OPERATOR;
import static dev.fabric.deployer.support.DevnetMarket.RIVAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.bloxbean.cardano.client.util.HexUtil;
import dev.fabric.deployer.adapter.HeadGateway.SubmitResult;
import dev.fabric.deployer.domain.Capacity;
import dev.fabric.deployer.support.DevnetMarket;
import dev.fabric.deployer.support.DevnetMarket.OpenedBid;
import dev.fabric.devnet.HydraDevnet;
import dev.fabric.devnet.head.LatencyDistribution;
import dev.fabric.devnet.junit.WithHydraDevnet;
import dev.fabric.devnet.ledger.UtxoImport;
import dev.fabric.hydra.api.ServerOutput;
import dev.fabric.hydra.api.TimedServerOutput;
import dev.fabric.hydra.api.TxIn;
import dev.fabric.hydra.client.HeadListener;
import dev.fabric.plutus.datum.LeaseDatum;
import dev.fabric.plutus.datum.Mode;
import dev.fabric.plutus.datum.OfferDatum;
import dev.fabric.plutus.head.HeadUtxos;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The head-backed gateway against the devnet's real ledger (Conway rules, Plutus V3 evaluated):
 * the operator's four transactions, repeats, lost races, in-flight inputs, timeouts, and the
 * reference scripts settlement publishes. Each test opens its own bids on the one devnet.
 */
@WithHydraDevnet(initialUtxo = DevnetMarket.INITIAL_UTXO)
class HydraHeadGatewayTest {

    private static final Capacity OFFERED = new Capacity(1000, 1024, 1, 0);
    private static DevnetMarket market;
    private static DevnetMarket.Gateway gateway;
    private static HydraDevnet devnet;
    /** Every transaction a snapshot confirmed, by id, as CBOR hex. */
    private static final Map<String, String> confirmedTxs = new ConcurrentHashMap<>();

    @BeforeAll
    static void openMarket(HydraDevnet head) {
        devnet = head;
        market = new DevnetMarket(head);
        market.publishReferenceScripts();
        gateway = market.gateway(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(6));
        gateway.connection().addListener(new HeadListener() {
            @Override
            public void onOutput(TimedServerOutput out) {
                if (out.output() instanceof ServerOutput.SnapshotConfirmed confirmed) {
                    confirmed.snapshot().confirmed().forEach(tx -> confirmedTxs.put(tx.txId(), tx.cborHex()));
                }
            }
        });
    }

    @AfterAll
    static void close() {
        gateway.close();
    }

    @AfterEach
    void clearFaults() {
        devnet.faults().clear();
    }

    @Test
    void shouldPostAnOfferOnceAndAnswerARepeatWithTheSameOffer() {
        OpenedBid bid = auctionBid();
        HeadGateway.OfferTx offer = new HeadGateway.OfferTx(bid.bidRef(), 4 * ADA, OFFERED, Instant.ofEpochMilli(bid.datum().deadlineMs()));

        SubmitResult first = gateway.head().submitOffer(offer);
        SubmitResult again = gateway.head().submitOffer(offer);

        assertThat(first).isInstanceOfSatisfying(SubmitResult.Valid.class, valid -> {
            String offerRef = valid.producedRef().orElseThrow();
            OfferDatum datum = OfferDatum.fromInlineDatumHex(market.utxo(offerRef).getInlineDatum());
            assertThat(datum.bidRef().toString()).isEqualTo(bid.bidRef());
            assertThat(datum.operatorPkh()).isEqualTo(OPERATOR.keyHash());
            assertThat(datum.price()).isEqualTo(4 * ADA);
            assertThat(datum.expiryMs()).isEqualTo(bid.datum().deadlineMs());
        });
        assertThat(again).isEqualTo(first);
        assertThat(offersFor(bid.bidRef())).hasSize(1);
    }

    @Test
    void shouldTakeARaceBidWithAnAcceptThatCreatesTheLease() {
        OpenedBid bid = raceBid(600);

        SubmitResult result = gateway.head().submitAccept(new HeadGateway.AcceptTx(bid.bidRef(), 5 * ADA,
                Instant.ofEpochMilli(bid.datum().deadlineMs())));

        assertThat(result).isInstanceOfSatisfying(SubmitResult.Valid.class, valid -> {
            LeaseDatum lease = LeaseDatum.fromInlineDatumHex(market.utxo(valid.producedRef().orElseThrow()).getInlineDatum());
            assertThat(lease.bidRef().toString()).isEqualTo(bid.bidRef());
            assertThat(lease.operatorPkh()).isEqualTo(OPERATOR.keyHash());
            assertThat(lease.price()).isEqualTo(5 * ADA);
            // The lease starts at the end of the Accept's validity: within the configured 6 s.
            assertThat(Instant.ofEpochMilli(lease.startMs())).isBetween(Instant.now().minusSeconds(6), Instant.now().plusSeconds(7));
        });
        assertThat(market.output(bid.bidRef())).isEmpty();
        assertThat(gateway.head().submitAccept(new HeadGateway.AcceptTx(bid.bidRef(), 5 * ADA,
                Instant.ofEpochMilli(bid.datum().deadlineMs())))).as("a repeat finds the lease").isEqualTo(result);
    }

    @Test
    void shouldReadTheValidatorsFromTheReferenceScriptsOnTheHead() {
        OpenedBid bid = raceBid(600);

        SubmitResult.Valid valid = (SubmitResult.Valid) gateway.head().submitAccept(new HeadGateway.AcceptTx(bid.bidRef(), 5 * ADA,
                Instant.ofEpochMilli(bid.datum().deadlineMs())));

        await().atMost(Duration.ofSeconds(10)).until(() -> confirmedTxs.containsKey(valid.txId()));
        var tx = decode(confirmedTxs.get(valid.txId()));
        assertThat(tx.getBody().getReferenceInputs()).isNotEmpty();
        assertThat(tx.getWitnessSet().getPlutusV3Scripts()).isNullOrEmpty();
    }

    @Test
    void shouldReportARaceLostToAConfirmedAcceptAsInvalid() {
        OpenedBid bid = raceBid(600);
        market.submit(market.transactions().raceAccept(market.utxo(bid.bidRef()), 3 * ADA, RIVAL, market.fundsOf(RIVAL),
                System.currentTimeMillis() - 60_000, System.currentTimeMillis() + 60_000)
                .complete(new dev.fabric.plutus.eval.ScriptEvaluator(devnet.config().protocolParameters(), DevnetMarket.TIMING)));

        SubmitResult result = gateway.head().submitAccept(new HeadGateway.AcceptTx(bid.bidRef(), 5 * ADA,
                Instant.ofEpochMilli(bid.datum().deadlineMs())));

        assertThat(result).isInstanceOfSatisfying(SubmitResult.Invalid.class, invalid -> assertThat(invalid.reason()).contains(bid.bidRef()));
    }

    @Test
    void shouldReportARaceLostToAnAcceptStillAwaitingItsSnapshotAsInvalid() {
        OpenedBid bid = raceBid(600);
        // The rival's Accept is valid on the head but not yet in a snapshot: the confirmed UTxO still shows the bid.
        devnet.faults().slowConfirmation(new LatencyDistribution.Fixed(Duration.ofSeconds(3)));
        market.raceAccept(RIVAL, bid.bidRef(), 3 * ADA, Duration.ofSeconds(60));
        assertThat(market.output(bid.bidRef())).isPresent();

        SubmitResult result = gateway.head().submitAccept(new HeadGateway.AcceptTx(bid.bidRef(), 5 * ADA,
                Instant.ofEpochMilli(bid.datum().deadlineMs())));

        assertThat(result).isInstanceOfSatisfying(SubmitResult.Invalid.class, invalid ->
                assertThat(invalid.reason()).contains(bid.bidRef()).contains("BadInputsUTxO"));
        assertThat(gateway.head().inFlight()).isEmpty();
    }

    @Test
    void shouldWithdrawItsOfferReclaimingTheDepositAndRefuseOtherOperatorsOffers() {
        OpenedBid bid = auctionBid();
        String offerRef = valid(gateway.head().submitOffer(new HeadGateway.OfferTx(bid.bidRef(), 4 * ADA, OFFERED,
                Instant.ofEpochMilli(bid.datum().deadlineMs())))).producedRef().orElseThrow();
        long deposit = market.output(offerRef).orElseThrow().value().lovelace().longValueExact();
        long before = market.adaOf(OPERATOR);
        HeadGateway.WithdrawTx withdraw = new HeadGateway.WithdrawTx(bid.bidRef(), offerRef);

        SubmitResult result = gateway.head().withdrawOffer(withdraw);

        assertThat(result).isInstanceOf(SubmitResult.Valid.class);
        assertThat(market.output(offerRef)).isEmpty();
        assertThat(market.adaOf(OPERATOR)).isEqualTo(before + deposit);
        assertThat(gateway.head().withdrawOffer(withdraw)).as("a repeat").isEqualTo(result);
        String rivals = market.makeOffer(RIVAL, bid.bidRef(), 3 * ADA);
        assertThat(gateway.head().withdrawOffer(new HeadGateway.WithdrawTx(bid.bidRef(), rivals)))
                .isInstanceOfSatisfying(SubmitResult.Invalid.class, invalid -> assertThat(invalid.reason()).contains("belongs to"));
        assertThat(gateway.head().withdrawOffer(new HeadGateway.WithdrawTx(bid.bidRef(), "ab".repeat(32) + "#0")))
                .isInstanceOf(SubmitResult.Invalid.class);
    }

    @Test
    void shouldClaimALeaseFromItsEndOnlyAndOnce() {
        OpenedBid bid = raceBid(2);
        String leaseRef = valid(gateway.head().submitAccept(new HeadGateway.AcceptTx(bid.bidRef(), 6 * ADA,
                Instant.ofEpochMilli(bid.datum().deadlineMs())))).producedRef().orElseThrow();
        LeaseDatum lease = LeaseDatum.fromInlineDatumHex(market.utxo(leaseRef).getInlineDatum());
        HeadGateway.ClaimTx claim = new HeadGateway.ClaimTx(bid.bidRef(), leaseRef, Instant.ofEpochMilli(lease.endMs()));
        long before = market.adaOf(OPERATOR);

        assertThat(gateway.head().submitClaim(claim)).as("before the lease ended")
                .isInstanceOfSatisfying(SubmitResult.Unavailable.class, u -> assertThat(u.reason()).contains("can be claimed from"));
        await().atMost(Duration.ofSeconds(30)).until(() -> gateway.head().submitClaim(claim) instanceof SubmitResult.Valid);

        assertThat(market.output(leaseRef)).isEmpty();
        assertThat(market.adaOf(OPERATOR)).isEqualTo(before + 6 * ADA);
        SubmitResult.Valid claimed = valid(gateway.head().submitClaim(claim));
        assertThat(market.isConfirmed(claimed.txId())).isTrue();
    }

    @Test
    void shouldFundConcurrentOffersFromDifferentOutputs() {
        OpenedBid first = auctionBid();
        OpenedBid second = auctionBid();
        // Both are built while the other is waiting for its snapshot.
        devnet.faults().slowConfirmation(new LatencyDistribution.Fixed(Duration.ofMillis(1500)));

        CompletableFuture<SubmitResult> a = CompletableFuture.supplyAsync(() -> gateway.head().submitOffer(
                new HeadGateway.OfferTx(first.bidRef(), 4 * ADA, OFFERED, Instant.ofEpochMilli(first.datum().deadlineMs()))));
        CompletableFuture<SubmitResult> b = CompletableFuture.supplyAsync(() -> gateway.head().submitOffer(
                new HeadGateway.OfferTx(second.bidRef(), 4 * ADA, OFFERED, Instant.ofEpochMilli(second.datum().deadlineMs()))));

        assertThat(a.join()).isInstanceOf(SubmitResult.Valid.class);
        assertThat(b.join()).isInstanceOf(SubmitResult.Valid.class);
        assertThat(offersFor(first.bidRef())).hasSize(1);
        assertThat(offersFor(second.bidRef())).hasSize(1);
    }

    @Test
    void shouldResubmitTheSameTransactionAfterASnapshotTimeout() {
        try (DevnetMarket.Gateway impatient = market.gateway(Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(6))) {
            OpenedBid bid = auctionBid();
            HeadGateway.OfferTx offer = new HeadGateway.OfferTx(bid.bidRef(), 4 * ADA, OFFERED, Instant.ofEpochMilli(bid.datum().deadlineMs()));
            devnet.faults().stallSnapshots(Duration.ofSeconds(3));

            SubmitResult first = impatient.head().submitOffer(offer);

            assertThat(first).isInstanceOfSatisfying(SubmitResult.Unavailable.class, u -> assertThat(u.reason()).contains("no snapshot"));
            assertThat(impatient.head().inFlight()).hasSize(1);
            String built = impatient.head().inFlight().iterator().next();
            await().atMost(Duration.ofSeconds(20)).until(() -> impatient.head().submitOffer(offer) instanceof SubmitResult.Valid);
            assertThat(valid(impatient.head().submitOffer(offer)).txId()).isEqualTo(built);
            assertThat(offersFor(bid.bidRef())).hasSize(1);
        }
    }

    @Test
    void shouldSeeTheConfirmationInTheUtxoWithoutTheWebSocket() {
        OpenedBid bid = auctionBid();
        // A connection that never opens: no TxValid, no SnapshotConfirmed, only the HTTP answers.
        var deaf = new dev.fabric.hydra.client.HeadConnection(dev.fabric.hydra.client.HeadConnectionConfig
                .builder(devnet.webSocketUri()).history(false).build());
        var http = new dev.fabric.hydra.client.HydraHttpClient(devnet.httpUri());
        try (var submitter = new dev.fabric.hydra.client.TxSubmitter(deaf, http, Duration.ofSeconds(5), Duration.ofSeconds(60))) {
            HydraHeadGateway gateway = new HydraHeadGateway(http, submitter, OPERATOR, DevnetMarket.NETWORK, DevnetMarket.TIMING,
                    new HydraHeadGateway.Settings(Duration.ofSeconds(6), 5 * ADA, Duration.ofMinutes(2)), java.time.Clock.systemUTC());
            Instant started = Instant.now();

            SubmitResult result = gateway.submitOffer(new HeadGateway.OfferTx(bid.bidRef(), 4 * ADA, OFFERED,
                    Instant.ofEpochMilli(bid.datum().deadlineMs())));

            assertThat(result).isInstanceOf(SubmitResult.Valid.class);
            assertThat(Duration.between(started, Instant.now())).isLessThan(Duration.ofSeconds(20));
        } finally {
            deaf.close();
        }
    }

    @Test
    void shouldListItsOffersAndLeasesOnTheHead() {
        OpenedBid auction = auctionBid();
        OpenedBid race = raceBid(600);
        String offerRef = valid(gateway.head().submitOffer(new HeadGateway.OfferTx(auction.bidRef(), 4 * ADA, OFFERED,
                Instant.ofEpochMilli(auction.datum().deadlineMs())))).producedRef().orElseThrow();
        String leaseRef = valid(gateway.head().submitAccept(new HeadGateway.AcceptTx(race.bidRef(), 5 * ADA,
                Instant.ofEpochMilli(race.datum().deadlineMs())))).producedRef().orElseThrow();
        market.makeOffer(RIVAL, auction.bidRef(), 3 * ADA);

        HeadGateway.Holdings holdings = ((HeadGateway.HoldingsRead.Read) gateway.head().holdings()).holdings();

        assertThat(holdings.offers()).filteredOn(o -> o.bidRef().equals(auction.bidRef())).singleElement().satisfies(o -> {
            assertThat(o.offerRef()).isEqualTo(offerRef);
            assertThat(o.price()).isEqualTo(4 * ADA);
            assertThat(o.offered()).isEqualTo(OFFERED);
            assertThat(o.expiry()).isEqualTo(Instant.ofEpochMilli(auction.datum().deadlineMs()));
        });
        assertThat(holdings.openBids()).contains(auction.bidRef());
        assertThat(holdings.leases()).filteredOn(l -> l.bidRef().equals(race.bidRef())).singleElement().satisfies(l -> {
            assertThat(l.leaseRef()).isEqualTo(leaseRef);
            assertThat(l.price()).isEqualTo(5 * ADA);
            assertThat(l.durationSeconds()).isEqualTo(600);
        });
    }

    @Test
    void shouldSeeTheHeadsOutputsAsTheDevnetsLedgerDoes() {
        OpenedBid bid = auctionBid();
        gateway.head().submitOffer(new HeadGateway.OfferTx(bid.bidRef(), 4 * ADA, OFFERED, Instant.ofEpochMilli(bid.datum().deadlineMs())));

        // Inline datums, reference scripts and plain outputs, converted from hydra-node's JSON by
        // plutus's HeadUtxos and from the ledger's own bytes by the devnet: the same UTxO either way.
        market.confirmed().forEach((in, out) -> assertThat(HeadUtxos.toUtxo(in, out))
                .as(in.toString()).isEqualTo(UtxoImport.toLedger(out).toCclUtxo(in)));
        assertThat(market.confirmed().values()).anySatisfy(out -> assertThat(HeadUtxos.referenceScriptHash(out)).isPresent());
        assertThat(market.confirmed().values()).anySatisfy(out -> assertThat(out.inlineDatumRaw()).isNotNull());
    }

    @Test
    void shouldAnswerUnavailableWhenTheHeadCannotBeReached() {
        var http = new dev.fabric.hydra.client.HydraHttpClient(java.net.URI.create("http://127.0.0.1:9"));
        HydraHeadGateway unreachable = new HydraHeadGateway(http, gateway.submitter(), OPERATOR, DevnetMarket.NETWORK, DevnetMarket.TIMING,
                new HydraHeadGateway.Settings(Duration.ofSeconds(3), 5 * ADA, Duration.ofSeconds(30)), java.time.Clock.systemUTC());
        String ref = "ab".repeat(32) + "#0";

        assertThat(unreachable.submitOffer(new HeadGateway.OfferTx(ref, ADA, OFFERED, Instant.now().plusSeconds(60))))
                .isInstanceOf(SubmitResult.Unavailable.class);
        assertThat(unreachable.submitAccept(new HeadGateway.AcceptTx(ref, ADA, Instant.now().plusSeconds(60))))
                .isInstanceOf(SubmitResult.Unavailable.class);
        assertThat(unreachable.withdrawOffer(new HeadGateway.WithdrawTx(ref, ref))).isInstanceOf(SubmitResult.Unavailable.class);
        assertThat(unreachable.submitClaim(new HeadGateway.ClaimTx(ref, ref, Instant.now()))).isInstanceOf(SubmitResult.Unavailable.class);
        assertThat(unreachable.holdings()).isInstanceOf(HeadGateway.HoldingsRead.Unavailable.class);
    }

    private static OpenedBid auctionBid() {
        return market.openBid(new Mode.Auction(30_000), 2 * ADA, 20 * ADA, 600, Duration.ofMinutes(10), Optional.empty(), List.of());
    }

    private static OpenedBid raceBid(long durationSeconds) {
        return market.openBid(new Mode.Race(), 2 * ADA, 20 * ADA, durationSeconds, Duration.ofMinutes(10), Optional.empty(), List.of());
    }

    private static List<TxIn> offersFor(String bidRef) {
        return market.confirmed().entrySet().stream()
                .filter(e -> e.getValue().inlineDatumRaw() != null
                        && e.getValue().address().equals(dev.fabric.plutus.blueprint.FabricScripts.offer().addressBech32(DevnetMarket.NETWORK)))
                .filter(e -> OfferDatum.fromInlineDatumHex(e.getValue().inlineDatumRaw()).bidRef().toString().equals(bidRef))
                .map(Map.Entry::getKey).toList();
    }

    private static SubmitResult.Valid valid(SubmitResult result) {
        assertThat(result).isInstanceOf(SubmitResult.Valid.class);
        return (SubmitResult.Valid) result;
    }

    private static com.bloxbean.cardano.client.transaction.spec.Transaction decode(String cborHex) {
        try {
            return com.bloxbean.cardano.client.transaction.spec.Transaction.deserialize(HexUtil.decodeHexString(cborHex));
        } catch (Exception e) {
            throw new AssertionError("not a transaction: " + e.getMessage(), e);
        }
    }
}
