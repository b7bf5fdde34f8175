package dev.fabric.deployer;

import static dev.fabric.deployer.support.DevnetMarket.ADA;
import static dev.fabric.deployer.support.DevnetMarket.OPERATOR;
import static dev.fabric.deployer.support.DevnetMarket.RIVAL;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.fabric.deployer.provisioning.model.LeaseNames;
import dev.fabric.deployer.support.DevnetMarket;
import dev.fabric.deployer.support.DevnetMarket.OpenedBid;
import dev.fabric.devnet.HydraDevnet;
import dev.fabric.devnet.quarkus.HydraDevnetResource;
import dev.fabric.devnet.quarkus.InjectHydraDevnet;
import dev.fabric.events.v1.award.AuctionDecision;
import dev.fabric.events.v1.bid.BidOpened;
import dev.fabric.events.v1.common.AllocationMode;
import dev.fabric.events.v1.common.ModeKind;
import dev.fabric.events.v1.common.ResourceRequest;
import dev.fabric.events.v1.common.WorkloadKind;
import dev.fabric.events.v1.common.WorkloadSpec;
import dev.fabric.events.v1.deployment.DeploymentEvent;
import dev.fabric.events.v1.deployment.Running;
import dev.fabric.events.v1.deployment.Terminated;
import dev.fabric.events.v1.deployment.TerminationReason;
import dev.fabric.events.v1.settlement.ClaimConfirmed;
import dev.fabric.events.v1.settlement.LeaseConfirmed;
import dev.fabric.events.v1.settlement.LeaseSource;
import dev.fabric.hydra.api.TxIn;
import dev.fabric.hydra.api.TxOut;
import dev.fabric.plutus.blueprint.FabricScripts;
import dev.fabric.plutus.datum.KeyHash;
import dev.fabric.plutus.datum.LeaseDatum;
import dev.fabric.plutus.datum.Mode;
import dev.fabric.plutus.datum.OfferDatum;
import dev.fabric.plutus.head.HeadUtxos;
import dev.fabric.testkit.EmbeddedKafka;
import dev.fabric.testkit.EmbeddedKafkaTestResource;
import dev.fabric.testkit.EventSamples;
import dev.fabric.testkit.TopicRecords;
import dev.fabric.topics.Topics;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole operator side on the head emulator: bids opened on the devnet by the app (plutus
 * builders), the deployer answering with its real gateway (Accept or Offer, signed with the
 * operator key, confirmed in a snapshot), the lease provisioned on the mock API server, run,
 * torn down at its end, and claimed on the head.
 *
 * <p>bid-ingest and settlement are not on this branch: the test plays them, writing
 * {@code BidOpened}, {@code LeaseConfirmed} and {@code ClaimConfirmed} built from what the devnet
 * confirmed, and the arbiter's Award (and the reference scripts settlement publishes) with the
 * plutus builders.
 */
@QuarkusTest
@TestProfile(DeployerOnDevnetIT.ShortLeases.class)
@WithTestResource(EmbeddedKafkaTestResource.class)
@WithTestResource(value = HydraDevnetResource.class, initArgs = @ResourceArg(name = "initial-utxo", value = DevnetMarket.INITIAL_UTXO))
@WithKubernetesTestServer(crud = true, setup = DeployerIT.TwoNodes.class)
class DeployerOnDevnetIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final long LEASE_SECONDS = 8;

    /** Leases of seconds: accepts valid for 4 s (the lease starts at their end), and a price floor inside the bids' range. */
    public static class ShortLeases implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("fabric.deployer.head.accept-validity", "4s",
                    "fabric.deployer.pricing.cost-floor-lovelace", "3000000");
        }
    }

    EmbeddedKafka kafka;

    @InjectHydraDevnet
    HydraDevnet devnet;

    @KubernetesTestServer
    KubernetesServer server;

    private DevnetMarket market;

    @BeforeEach
    void market() {
        market = new DevnetMarket(devnet);
        if (HeadUtxos.referenceScripts(devnet.confirmedUtxo(), FabricScripts.validators()).isEmpty()) {
            market.publishReferenceScripts();
        }
        // The operator's outputs on the head were read: bids are answered from now on.
        await().atMost(WAIT).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
    }

    @Test
    void shouldTakeARaceBidRunItsLeaseAndClaimThePaymentOnTheHead() {
        OpenedBid bid = market.openBid(new Mode.Race(), 2 * ADA, 20 * ADA, LEASE_SECONDS, Duration.ofMinutes(10), Optional.of(workload()),
                List.of());
        Set<TxIn> operatorOutputsBefore = operatorOutputs();

        writeBidOpened(bid, ModeKind.RACE);

        // The Accept is confirmed on the head: the bid is spent and a Lease names this operator.
        Map.Entry<TxIn, LeaseDatum> lease = awaitLease(bid);
        assertThat(market.output(bid.bidRef())).isEmpty();
        assertThat(lease.getValue().price()).isEqualTo(3 * ADA);

        writeLeaseConfirmed(bid, lease, LeaseSource.RACE_ACCEPT);
        runUntilEndAndClaim(bid, lease, operatorOutputsBefore);
    }

    @Test
    void shouldOfferOnAnAuctionBidRunTheLeaseItIsAwardedAndClaimIt() {
        OpenedBid bid = market.openBid(new Mode.Auction(30_000), 2 * ADA, 20 * ADA, LEASE_SECONDS, Duration.ofMinutes(10),
                Optional.of(workload()), List.of());
        Set<TxIn> operatorOutputsBefore = operatorOutputs();

        writeBidOpened(bid, ModeKind.AUCTION);

        String offerRef = awaitOffer(bid).toString();
        given().get("/inventory").then().statusCode(200)
                .body("holds.find { it.bidRef == '" + bid.bidRef() + "' }.kind", equalTo("OFFER"));
        // The arbiter awards it, as settlement would once the auction decided.
        String leaseRef = market.award(bid.bidRef(), offerRef, Duration.ofSeconds(4));
        TxIn leaseIn = TxIn.parse(leaseRef);
        LeaseDatum datum = LeaseDatum.fromInlineDatumHex(market.output(leaseRef).orElseThrow().inlineDatumRaw());
        assertThat(datum.operatorPkh()).isEqualTo(OPERATOR.keyHash());

        writeLeaseConfirmed(bid, Map.entry(leaseIn, datum), LeaseSource.AWARD);
        runUntilEndAndClaim(bid, Map.entry(leaseIn, datum), operatorOutputsBefore);
    }

    @Test
    void shouldWithdrawItsOfferFromTheHeadWhenAnotherOperatorWinsTheAuction() {
        OpenedBid bid = market.openBid(new Mode.Auction(30_000), 2 * ADA, 20 * ADA, 3600, Duration.ofMinutes(10), Optional.of(workload()),
                List.of());
        writeBidOpened(bid, ModeKind.AUCTION);
        TxIn ours = awaitOffer(bid);
        String rivals = market.makeOffer(RIVAL, bid.bidRef(), 2 * ADA);
        market.award(bid.bidRef(), rivals, Duration.ofSeconds(30));
        Set<TxIn> operatorOutputsBefore = operatorOutputs();

        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        AuctionDecision lost = AuctionDecision.newBuilder().setEventId("decision-" + bid.bidRef()).setBidRef(bid.bidRef()).setOccurredAt(now)
                .setMode(ModeKind.AUCTION).setRule("LowestPriceRule").setAppPkh(bid.datum().appPkh().hex())
                .setWinnerOperatorId(RIVAL.keyHash().hex()).setWinnerOfferRef(rivals).setPrice(2 * ADA)
                .setWindowOpenedAt(now).setWindowClosedAt(now).setDeployDeadline(now.plusSeconds(300)).build();
        TopicRecords.write(kafka.bootstrapServers(), Topics.AWARDS, Map.entry(bid.bidRef(), lost));

        // Withdrawn on the head: the Offer output is spent and its deposit is back at the operator's address.
        long deposit = HeadUtxos.lovelace(market.confirmed().get(ours));
        await().atMost(WAIT).until(() -> !market.confirmed().containsKey(ours));
        assertThat(market.confirmed().entrySet()).filteredOn(e -> !operatorOutputsBefore.contains(e.getKey()))
                .anySatisfy(e -> {
                    assertThat(e.getValue().address()).isEqualTo(DevnetMarket.address(OPERATOR));
                    assertThat(HeadUtxos.lovelace(e.getValue())).isEqualTo(deposit);
                });
        given().get("/inventory").then().statusCode(200).body("holds.findAll { it.bidRef == '" + bid.bidRef() + "' }.size()", equalTo(0));
    }

    private void runUntilEndAndClaim(OpenedBid bid, Map.Entry<TxIn, LeaseDatum> lease, Set<TxIn> operatorOutputsBefore) {
        String ns = LeaseNames.namespaceFor(bid.bidRef());
        await().atMost(WAIT).until(() -> client().apps().deployments().inNamespace(ns).withName(LeaseNames.WORKLOAD).get() != null);
        assertThat(client().rbac().roleBindings().inNamespace(ns).withName(LeaseNames.DEPLOYER_BINDING).get()).isNotNull();
        client().apps().deployments().inNamespace(ns).withName(LeaseNames.WORKLOAD)
                .editStatus(d -> {
                    d.setStatus(new DeploymentStatusBuilder().withReadyReplicas(1).build());
                    return d;
                });
        await().atMost(WAIT).until(() -> payloads(bid.bidRef()).stream().anyMatch(p -> p instanceof Running));

        // At the lease end: torn down, reported, and claimed on the head.
        await().atMost(WAIT).until(() -> payloads(bid.bidRef()).stream().anyMatch(p -> p instanceof Terminated));
        assertThat(payloads(bid.bidRef())).extracting(p -> p.getClass().getSimpleName()).containsExactly("Provisioning", "Running", "Terminated");
        assertThat(((Terminated) payloads(bid.bidRef()).get(2)).getReason()).isEqualTo(TerminationReason.LEASE_ENDED);
        assertThat(client().namespaces().withName(ns).get()).isNull();
        await().atMost(WAIT).until(() -> !market.confirmed().containsKey(lease.getKey()));
        Map.Entry<TxIn, TxOut> payment = market.confirmed().entrySet().stream()
                .filter(e -> !operatorOutputsBefore.contains(e.getKey()) && e.getValue().address().equals(DevnetMarket.address(OPERATOR)))
                .filter(e -> HeadUtxos.lovelace(e.getValue()) == lease.getValue().price())
                .findFirst().orElseThrow(() -> new AssertionError("no claim payment of " + lease.getValue().price() + " to the operator"));

        writeClaimConfirmed(bid, lease, payment.getKey());
        given().get("/inventory").then().statusCode(200).body("holds.findAll { it.bidRef == '" + bid.bidRef() + "' }.size()", equalTo(0));
        given().get("/leases").then().statusCode(200).body("findAll { it.bidRef == '" + bid.bidRef() + "' }.size()", equalTo(0));
    }

    private Map.Entry<TxIn, LeaseDatum> awaitLease(OpenedBid bid) {
        String lease = FabricScripts.lease().addressBech32(DevnetMarket.NETWORK);
        return await().atMost(WAIT).until(() -> market.confirmed().entrySet().stream()
                        .filter(e -> e.getValue().address().equals(lease) && e.getValue().inlineDatumRaw() != null)
                        .map(e -> Map.entry(e.getKey(), LeaseDatum.fromInlineDatumHex(e.getValue().inlineDatumRaw())))
                        .filter(e -> e.getValue().bidRef().toString().equals(bid.bidRef()))
                        .findFirst(), Optional::isPresent)
                .orElseThrow();
    }

    private TxIn awaitOffer(OpenedBid bid) {
        String offers = FabricScripts.offer().addressBech32(DevnetMarket.NETWORK);
        return await().atMost(WAIT).until(() -> market.confirmed().entrySet().stream()
                        .filter(e -> e.getValue().address().equals(offers) && e.getValue().inlineDatumRaw() != null)
                        .filter(e -> {
                            OfferDatum offer = OfferDatum.fromInlineDatumHex(e.getValue().inlineDatumRaw());
                            return offer.bidRef().toString().equals(bid.bidRef()) && offer.operatorPkh().equals(OPERATOR.keyHash());
                        })
                        .map(Map.Entry::getKey).findFirst(), Optional::isPresent)
                .orElseThrow();
    }

    private Set<TxIn> operatorOutputs() {
        return market.confirmed().entrySet().stream().filter(e -> e.getValue().address().equals(DevnetMarket.address(OPERATOR)))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
    }

    /** The workload the app asks for, in the plutus form its bid commits to. */
    private static dev.fabric.plutus.workload.WorkloadSpec workload() {
        return new dev.fabric.plutus.workload.WorkloadSpec(dev.fabric.plutus.workload.WorkloadSpec.Kind.Deployment, "ghcr.io/acme/api:1.4.2",
                List.of(), List.of("--port", "8080"), Map.of("MODE", "test"), List.of(8080), 1);
    }

    /** What bid-ingest would publish for the bid the devnet confirmed. */
    private void writeBidOpened(OpenedBid bid, ModeKind mode) {
        var datum = bid.datum();
        var spec = bid.workload().orElseThrow();
        AllocationMode allocation = datum.mode() instanceof Mode.Auction auction
                ? AllocationMode.newBuilder().setKind(mode).setWindowMs(auction.windowMs()).build()
                : AllocationMode.newBuilder().setKind(mode).build();
        BidOpened opened = BidOpened.newBuilder().setAppPkh(datum.appPkh().hex())
                .setRequest(ResourceRequest.newBuilder().setCpuMillis(datum.request().cpuMillis()).setMemoryMiB(datum.request().memoryMiB())
                        .setStorageGiB(datum.request().storageGiB()).setGpus((int) datum.request().gpus())
                        .setDurationSeconds(datum.request().durationSeconds()).setRegion(datum.request().region().orElse(null))
                        .setWorkloadHash(datum.request().workloadHash()).build())
                .setMinPrice(datum.minPrice()).setMaxPrice(datum.maxPrice()).setMode(allocation)
                .setDeadline(Instant.ofEpochMilli(datum.deadlineMs())).setArbiter(datum.arbiter().map(KeyHash::hex).orElse(null))
                .setAllowedOperators(datum.allowedOperators().stream().map(KeyHash::hex).toList())
                .setEscrowLovelace(HeadUtxos.lovelace(market.output(bid.bidRef()).orElseThrow()))
                .setWorkload(WorkloadSpec.newBuilder().setKind(WorkloadKind.DEPLOYMENT).setImage(spec.image()).setCommand(spec.command())
                        .setArgs(spec.args()).setEnv(spec.env()).setPorts(spec.ports()).setReplicas(spec.replicas()).build())
                .build();
        TopicRecords.write(kafka.bootstrapServers(), Topics.BIDS, Map.entry(bid.bidRef(), EventSamples.bidEvent(bid.bidRef(), opened, null, Instant.now())));
    }

    /** What settlement would publish for the Lease output the devnet confirmed. */
    private void writeLeaseConfirmed(OpenedBid bid, Map.Entry<TxIn, LeaseDatum> lease, LeaseSource source) {
        LeaseDatum datum = lease.getValue();
        LeaseConfirmed confirmed = LeaseConfirmed.newBuilder().setLeaseRef(lease.getKey().toString()).setSource(source)
                .setOperatorId(datum.operatorPkh().hex()).setAppPkh(datum.appPkh().hex()).setPrice(datum.price())
                .setStartAt(Instant.ofEpochMilli(datum.startMs())).setDurationSeconds(datum.durationSeconds())
                .setArbiter(datum.arbiter().map(KeyHash::hex).orElse(null)).build();
        TopicRecords.write(kafka.bootstrapServers(), Topics.SETTLEMENTS,
                Map.entry(bid.bidRef(), EventSamples.settlementEvent(bid.bidRef(), confirmed, null, Instant.now())));
    }

    private void writeClaimConfirmed(OpenedBid bid, Map.Entry<TxIn, LeaseDatum> lease, TxIn payment) {
        ClaimConfirmed claimed = ClaimConfirmed.newBuilder().setLeaseRef(lease.getKey().toString()).setOperatorId(OPERATOR.keyHash().hex())
                .setAmount(lease.getValue().price()).setEarly(false).build();
        TopicRecords.write(kafka.bootstrapServers(), Topics.SETTLEMENTS,
                Map.entry(bid.bidRef(), EventSamples.settlementEvent(bid.bidRef(), claimed, null, Instant.now())));
        assertThat(payment.txId()).isNotEqualTo(lease.getKey().txId());
    }

    private KubernetesClient client() {
        return server.getClient();
    }

    private List<Object> payloads(String bid) {
        return TopicRecords.readToEnd(kafka.bootstrapServers(), Topics.DEPLOYMENTS, Duration.ofSeconds(20)).stream()
                .filter(r -> bid.equals(r.key())).map(r -> r.value()).map(DeploymentEvent::getPayload).toList();
    }
}
