package dev.fabric.testkit;

import dev.fabric.events.EventIds;
import dev.fabric.events.MarketProgressMarks;
import dev.fabric.events.v1.award.AuctionDecision;
import dev.fabric.events.v1.award.OfferOutcome;
import dev.fabric.events.v1.award.RankedOffer;
import dev.fabric.events.v1.bid.BidAccepted;
import dev.fabric.events.v1.bid.BidAwarded;
import dev.fabric.events.v1.bid.BidCancelled;
import dev.fabric.events.v1.bid.BidEvent;
import dev.fabric.events.v1.bid.BidExpired;
import dev.fabric.events.v1.bid.BidOpened;
import dev.fabric.events.v1.common.AllocationMode;
import dev.fabric.events.v1.common.ChainRef;
import dev.fabric.events.v1.common.ModeKind;
import dev.fabric.events.v1.common.ResourceRequest;
import dev.fabric.events.v1.common.Resources;
import dev.fabric.events.v1.common.WorkloadKind;
import dev.fabric.events.v1.common.WorkloadSpec;
import dev.fabric.events.v1.deployment.DeploymentEvent;
import dev.fabric.events.v1.deployment.Failed;
import dev.fabric.events.v1.deployment.FailureStage;
import dev.fabric.events.v1.deployment.Provisioning;
import dev.fabric.events.v1.deployment.Running;
import dev.fabric.events.v1.deployment.Terminated;
import dev.fabric.events.v1.deployment.TerminationReason;
import dev.fabric.events.v1.dlq.DeadLetter;
import dev.fabric.events.v1.hydra.Asset;
import dev.fabric.events.v1.hydra.HeadEvent;
import dev.fabric.events.v1.hydra.L2Transaction;
import dev.fabric.events.v1.hydra.TxOutput;
import dev.fabric.events.v1.ingest.IngestCursor;
import dev.fabric.events.v1.offer.OfferEvent;
import dev.fabric.events.v1.offer.OfferMade;
import dev.fabric.events.v1.offer.OfferRejected;
import dev.fabric.events.v1.offer.OfferRejection;
import dev.fabric.events.v1.offer.OfferUsed;
import dev.fabric.events.v1.offer.OfferWithdrawn;
import dev.fabric.events.v1.reputation.Attestation;
import dev.fabric.events.v1.reputation.AttestationClaims;
import dev.fabric.events.v1.reputation.AttestationVerdict;
import dev.fabric.events.v1.reputation.OperatorScore;
import dev.fabric.events.v1.settlement.AwardSubmitted;
import dev.fabric.events.v1.settlement.ClaimConfirmed;
import dev.fabric.events.v1.settlement.LeaseConfirmed;
import dev.fabric.events.v1.settlement.LeaseSource;
import dev.fabric.events.v1.settlement.RefundConfirmed;
import dev.fabric.events.v1.settlement.SettlementEvent;
import dev.fabric.events.v1.settlement.SettlementFailed;
import dev.fabric.events.v1.settlement.SettlementStage;
import dev.fabric.topics.Topic;
import dev.fabric.topics.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * Valid sample events, one for every payload branch of every topic: fixtures for tests that need
 * "some well-formed event" and for the broker round-trip test of every schema.
 */
public final class EventSamples {

    public static final String HEAD_ID = "4a".repeat(28);
    public static final String APP_PKH = "a1".repeat(28);
    public static final String OPERATOR_ID = "0b".repeat(28);
    public static final String ARBITER = "ee".repeat(28);
    public static final Instant T0 = Instant.parse("2026-11-28T12:00:00Z");

    /** A topic and a sample value for it, keyed as the topic requires. */
    public record Sample(String label, Topic<String, ?> topic, String key, SpecificRecord value) {
        @Override
        public String toString() {
            return label;
        }
    }

    private EventSamples() {
    }

    public static String txId(int n) {
        return String.format("%064x", n);
    }

    public static String ref(int tx, int index) {
        return txId(tx) + "#" + index;
    }

    public static ChainRef chain(int tx, long snapshot, long seq) {
        return ChainRef.newBuilder().setHeadId(HEAD_ID).setTxId(txId(tx)).setSnapshotNumber(snapshot).setSeq(seq).build();
    }

    public static ResourceRequest request() {
        return ResourceRequest.newBuilder().setCpuMillis(2000).setMemoryMiB(4096).setStorageGiB(20).setGpus(0)
                .setDurationSeconds(3600).setRegion("eu-west").setWorkloadHash("5c".repeat(32)).build();
    }

    public static WorkloadSpec workload() {
        return WorkloadSpec.newBuilder().setKind(WorkloadKind.DEPLOYMENT).setImage("ghcr.io/acme/api:1.4.2")
                .setArgs(List.of("--port", "8080")).setEnv(Map.of("MODE", "prod")).setPorts(List.of(8080)).build();
    }

    public static BidOpened bidOpened(ModeKind kind) {
        AllocationMode mode = switch (kind) {
            case AUCTION -> AllocationMode.newBuilder().setKind(kind).setWindowMs(30_000L).build();
            case REPUTATION -> AllocationMode.newBuilder().setKind(kind).setMinScoreBps(6000).setPriorityWindowMs(20_000L).build();
            default -> AllocationMode.newBuilder().setKind(ModeKind.RACE).build();
        };
        return BidOpened.newBuilder().setAppPkh(APP_PKH).setRequest(request()).setMinPrice(5_000_000L).setMaxPrice(20_000_000L)
                .setMode(mode).setDeadline(T0.plusSeconds(600)).setArbiter(ARBITER).setAllowedOperators(List.of())
                .setEscrowLovelace(22_000_000L).setWorkload(workload()).build();
    }

    public static BidEvent bidEvent(String bidRef, Object payload, ChainRef chain, Instant at) {
        return BidEvent.newBuilder().setEventId(EventIds.of("BidEvent", bidRef, payload.getClass().getSimpleName()))
                .setBidRef(bidRef).setOccurredAt(at).setChain(chain).setPayload(payload).build();
    }

    public static OfferEvent offerEvent(String bidRef, String offerRef, Object payload, ChainRef chain, Instant at) {
        return OfferEvent.newBuilder().setEventId(EventIds.of("OfferEvent", offerRef, payload.getClass().getSimpleName()))
                .setBidRef(bidRef).setOfferRef(offerRef).setOccurredAt(at).setChain(chain).setPayload(payload).build();
    }

    /**
     * A progress mark on {@code fabric.bids}: written without a key to {@code partition}, about no bid.
     * Not in {@link #all()}, whose samples are keyed.
     */
    public static BidEvent bidMark(long snapshotNumber, int partition) {
        return MarketProgressMarks.bidMark(HEAD_ID, snapshotNumber, partition, T0, null);
    }

    /** A progress mark on {@code fabric.offers}, as {@link #bidMark}. */
    public static OfferEvent offerMark(long snapshotNumber, int partition) {
        return MarketProgressMarks.offerMark(HEAD_ID, snapshotNumber, partition, T0, null);
    }

    public static OfferMade offerMade(String operatorId, long price) {
        return OfferMade.newBuilder().setOperatorId(operatorId).setPrice(price)
                .setOffered(Resources.newBuilder().setCpuMillis(4000).setMemoryMiB(8192).setStorageGiB(50).setGpus(0).build())
                .setExpiry(T0.plusSeconds(900)).build();
    }

    public static AuctionDecision decision(String bidRef) {
        RankedOffer winner = RankedOffer.newBuilder().setRank(1).setOfferRef(ref(3, 0)).setOperatorId(OPERATOR_ID)
                .setPrice(9_000_000L).setScoreBps(8100).setConfirmedAt(T0.plusSeconds(5)).setOutcome(OfferOutcome.WON)
                .setDetail("lowest price").build();
        RankedOffer loser = RankedOffer.newBuilder().setRank(2).setOfferRef(ref(4, 0)).setOperatorId("0c".repeat(28))
                .setPrice(11_000_000L).setScoreBps(null).setConfirmedAt(T0.plusSeconds(6)).setOutcome(OfferOutcome.OUTBID)
                .setDetail("price 11000000 > 9000000").build();
        return AuctionDecision.newBuilder().setEventId(EventIds.of("AuctionDecision", bidRef)).setBidRef(bidRef)
                .setOccurredAt(T0.plusSeconds(30)).setMode(ModeKind.AUCTION).setRule("LowestPriceRule").setAppPkh(APP_PKH)
                .setArbiter(ARBITER).setWinnerOperatorId(OPERATOR_ID).setWinnerOfferRef(ref(3, 0)).setPrice(9_000_000L)
                .setWindowOpenedAt(T0).setWindowClosedAt(T0.plusSeconds(30)).setDeployDeadline(T0.plusSeconds(330))
                .setRanking(List.of(winner, loser)).build();
    }

    public static SettlementEvent settlementEvent(String bidRef, Object payload, ChainRef chain, Instant at) {
        return SettlementEvent.newBuilder().setEventId(EventIds.of("SettlementEvent", bidRef, payload.getClass().getSimpleName()))
                .setBidRef(bidRef).setOccurredAt(at).setChain(chain).setPayload(payload).build();
    }

    public static DeploymentEvent deploymentEvent(String bidRef, Object payload, Instant at) {
        return DeploymentEvent.newBuilder().setEventId(EventIds.of("DeploymentEvent", bidRef, payload.getClass().getSimpleName()))
                .setBidRef(bidRef).setOperatorId(OPERATOR_ID).setOccurredAt(at).setPayload(payload).build();
    }

    /** One sample per payload branch of every topic of the catalogue. */
    public static List<Sample> all() {
        String bid = ref(1, 0);
        String offer = ref(3, 0);
        String lease = ref(5, 0);
        ChainRef chain = chain(1, 12, 340);
        return List.of(
                new Sample("HeadEvent", Topics.HYDRA_EVENTS, HEAD_ID, HeadEvent.newBuilder()
                        .setEventId(EventIds.of("HeadEvent", "node-a", 340)).setHeadId(HEAD_ID).setNodeId("node-a").setSeq(340)
                        .setTag("SnapshotConfirmed").setOccurredAt(T0).setRaw("{\"tag\":\"SnapshotConfirmed\",\"seq\":340}").build()),
                new Sample("L2Transaction", Topics.L2_TRANSACTIONS, HEAD_ID, L2Transaction.newBuilder()
                        .setEventId(EventIds.of("L2Transaction", HEAD_ID, txId(1))).setHeadId(HEAD_ID).setNodeId("node-a")
                        .setTxId(txId(1)).setSnapshotNumber(12).setSnapshotVersion(0).setSeq(340).setIndexInSnapshot(0)
                        .setOccurredAt(T0).setCbor(ByteBuffer.wrap(new byte[] {(byte) 0x84, 0x00}))
                        .setInputs(List.of(ref(0, 1))).setOutputs(List.of(TxOutput.newBuilder().setIndex(0)
                                .setAddress("addr_test1wq0sample").setLovelace(22_000_000L)
                                .setAssets(List.of(Asset.newBuilder().setPolicyId("ab".repeat(28)).setAssetName("").setQuantity("18446744073709551615").build()))
                                .setInlineDatum(ByteBuffer.wrap(new byte[] {(byte) 0xd8, 0x79, (byte) 0x80})).build()))
                        .setSigners(List.of(APP_PKH)).build()),
                new Sample("BidOpened(race)", Topics.BIDS, bid, bidEvent(bid, bidOpened(ModeKind.RACE), chain, T0)),
                new Sample("BidOpened(auction)", Topics.BIDS, bid, bidEvent(bid, bidOpened(ModeKind.AUCTION), chain, T0)),
                new Sample("BidOpened(reputation)", Topics.BIDS, bid, bidEvent(bid, bidOpened(ModeKind.REPUTATION), chain, T0)),
                new Sample("BidAccepted", Topics.BIDS, bid, bidEvent(bid, BidAccepted.newBuilder().setOperatorId(OPERATOR_ID)
                        .setPrice(9_000_000L).setLeaseRef(lease).build(), chain(5, 13, 350), T0.plusSeconds(2))),
                new Sample("BidAwarded", Topics.BIDS, bid, bidEvent(bid, BidAwarded.newBuilder().setOfferRef(offer)
                        .setOperatorId(OPERATOR_ID).setPrice(9_000_000L).setLeaseRef(lease).build(), chain(5, 13, 350), T0.plusSeconds(31))),
                new Sample("BidCancelled", Topics.BIDS, bid, bidEvent(bid, BidCancelled.newBuilder().setRefundedLovelace(22_000_000L).build(),
                        chain(6, 14, 360), T0.plusSeconds(40))),
                new Sample("BidExpired", Topics.BIDS, bid, bidEvent(bid, BidExpired.newBuilder().setDeadline(T0.plusSeconds(600))
                        .setOffersSeen(0).setReason("no eligible offer").build(), null, T0.plusSeconds(600))),
                new Sample("OfferMade", Topics.OFFERS, bid, offerEvent(bid, offer, offerMade(OPERATOR_ID, 9_000_000L), chain(3, 12, 341), T0.plusSeconds(5))),
                new Sample("OfferWithdrawn", Topics.OFFERS, bid, offerEvent(bid, offer, OfferWithdrawn.newBuilder().setOperatorId(OPERATOR_ID).build(),
                        chain(7, 15, 370), T0.plusSeconds(50))),
                new Sample("OfferUsed", Topics.OFFERS, bid, offerEvent(bid, offer, OfferUsed.newBuilder().setOperatorId(OPERATOR_ID)
                        .setLeaseRef(lease).build(), chain(5, 13, 350), T0.plusSeconds(31))),
                new Sample("OfferRejected", Topics.OFFERS, bid, offerEvent(bid, offer, OfferRejected.newBuilder().setOperatorId(OPERATOR_ID)
                        .setRejection(OfferRejection.BID_CLOSED).setDetail("auction closed at " + T0.plusSeconds(30)).build(), null, T0.plusSeconds(35))),
                new Sample("AuctionDecision", Topics.AWARDS, bid, decision(bid)),
                new Sample("AwardSubmitted", Topics.SETTLEMENTS, bid, settlementEvent(bid, AwardSubmitted.newBuilder().setTxId(txId(5))
                        .setOfferRef(offer).setOperatorId(OPERATOR_ID).setPrice(9_000_000L).build(), null, T0.plusSeconds(30))),
                new Sample("LeaseConfirmed", Topics.SETTLEMENTS, bid, settlementEvent(bid, LeaseConfirmed.newBuilder().setLeaseRef(lease)
                        .setSource(LeaseSource.AWARD).setOperatorId(OPERATOR_ID).setAppPkh(APP_PKH).setPrice(9_000_000L)
                        .setStartAt(T0.plusSeconds(31)).setDurationSeconds(3600).setArbiter(ARBITER).build(), chain(5, 13, 350), T0.plusSeconds(31))),
                new Sample("ClaimConfirmed", Topics.SETTLEMENTS, bid, settlementEvent(bid, ClaimConfirmed.newBuilder().setLeaseRef(lease)
                        .setOperatorId(OPERATOR_ID).setAmount(9_000_000L).setEarly(false).build(), chain(8, 30, 900), T0.plusSeconds(3700))),
                new Sample("RefundConfirmed", Topics.SETTLEMENTS, bid, settlementEvent(bid, RefundConfirmed.newBuilder().setLeaseRef(lease)
                        .setAppPkh(APP_PKH).setAmount(9_000_000L).setReason("deployment failed").build(), chain(9, 31, 910), T0.plusSeconds(400))),
                new Sample("SettlementFailed", Topics.SETTLEMENTS, bid, settlementEvent(bid, SettlementFailed.newBuilder()
                        .setStage(SettlementStage.AWARD).setReason("offer already spent").setTxId(txId(5)).setRetriable(false).build(), null, T0.plusSeconds(32))),
                new Sample("Provisioning", Topics.DEPLOYMENTS, bid, deploymentEvent(bid, Provisioning.newBuilder()
                        .setNamespace("fabric-00000001").setLeaseRef(lease).build(), T0.plusSeconds(33))),
                new Sample("Running", Topics.DEPLOYMENTS, bid, deploymentEvent(bid, Running.newBuilder()
                        .setNamespace("fabric-00000001").setReadyReplicas(1).build(), T0.plusSeconds(60))),
                new Sample("Failed", Topics.DEPLOYMENTS, bid, deploymentEvent(bid, Failed.newBuilder().setNamespace(null)
                        .setStage(FailureStage.VALIDATION).setReason("hostPath volumes are not allowed").build(), T0.plusSeconds(33))),
                new Sample("Terminated", Topics.DEPLOYMENTS, bid, deploymentEvent(bid, Terminated.newBuilder()
                        .setNamespace("fabric-00000001").setReason(TerminationReason.LEASE_ENDED).build(), T0.plusSeconds(3631))),
                new Sample("Attestation", Topics.ATTESTATIONS, OPERATOR_ID, Attestation.newBuilder()
                        .setEventId(EventIds.of("Attestation", "auditor-1", OPERATOR_ID, T0)).setOperatorId(OPERATOR_ID)
                        .setAuditorId("d0".repeat(32)).setOccurredAt(T0).setClaims(AttestationClaims.newBuilder().setRegion("eu-west")
                                .setHardwareClass("cpu-standard").setAuditedAt(T0.minusSeconds(86_400)).setVerdict(AttestationVerdict.PASSED).build())
                        .setSignature(ByteBuffer.wrap(new byte[64])).build()),
                new Sample("OperatorScore", Topics.REPUTATION_SCORES, OPERATOR_ID, OperatorScore.newBuilder()
                        .setEventId(EventIds.of("OperatorScore", OPERATOR_ID, T0)).setOperatorId(OPERATOR_ID).setOccurredAt(T0)
                        .setScoreBps(7421).setLowerBound(0.7421).setMean(0.86).setSuccessWeight(18.2).setFailureWeight(1.9)
                        .setSuccesses(20).setFailures(2).setAttestations(1).setHalfLifeMs(2_592_000_000L).build()),
                new Sample("IngestCursor", Topics.INGEST_CURSOR, "node-a", IngestCursor.newBuilder()
                        .setEventId(EventIds.of("IngestCursor", "node-a", 340)).setNodeId("node-a").setHeadId(HEAD_ID).setSeq(340)
                        .setSnapshotNumber(12).setOccurredAt(T0).build()),
                new Sample("DeadLetter", Topics.DLQ, bid, DeadLetter.newBuilder().setEventId(EventIds.of("DeadLetter", "auction", "fabric.offers", 0, 17))
                        .setService("auction").setSourceTopic("fabric.offers").setPartition(0).setOffset(17)
                        .setReason("price must be >= 0").setErrorClass(IllegalArgumentException.class.getName()).setOccurredAt(T0)
                        .setKey(ByteBuffer.wrap(bid.getBytes(StandardCharsets.UTF_8))).setPayload(ByteBuffer.wrap(new byte[] {1, 2, 3}))
                        .setHeaders(Map.of("source", ByteBuffer.wrap("x".getBytes(StandardCharsets.UTF_8)))).build()));
    }
}
