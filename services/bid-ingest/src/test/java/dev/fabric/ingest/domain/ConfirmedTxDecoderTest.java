package dev.fabric.ingest.domain;

import static dev.fabric.ingest.MarketFixtures.*;
import static dev.fabric.plutus.Grid.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.bloxbean.cardano.client.api.model.Utxo;
import dev.fabric.events.v1.bid.BidAccepted;
import dev.fabric.events.v1.bid.BidAwarded;
import dev.fabric.events.v1.bid.BidCancelled;
import dev.fabric.events.v1.bid.BidEvent;
import dev.fabric.events.v1.bid.BidOpened;
import dev.fabric.events.v1.common.ModeKind;
import dev.fabric.events.v1.common.WorkloadKind;
import dev.fabric.events.v1.hydra.L2Transaction;
import dev.fabric.events.v1.offer.OfferMade;
import dev.fabric.events.v1.offer.OfferUsed;
import dev.fabric.events.v1.offer.OfferWithdrawn;
import dev.fabric.ingest.domain.market.ConfirmedTxDecoder;
import dev.fabric.ingest.domain.market.ConfirmedTxDecoder.Decoded;
import dev.fabric.ingest.domain.market.FabricAddresses;
import dev.fabric.ingest.domain.market.OpenMarketOutputs;
import dev.fabric.ingest.domain.market.SnapshotPosition;
import dev.fabric.plutus.tx.SignedTransaction;
import java.nio.ByteBuffer;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Decoding rules on real transactions built by the plutus builders (scripts evaluated). */
class ConfirmedTxDecoderTest {

    private static final String HEAD = "ab".repeat(16);
    private static final Instant SNAPSHOT_TIME = Instant.parse("2026-01-01T00:01:00Z");

    private final OpenMarketOutputs market = new OpenMarketOutputs();
    private final ConfirmedTxDecoder decoder = new ConfirmedTxDecoder(FabricAddresses.ofBlueprint(NETWORK_ID), market);
    private long seq = 10;

    private Decoded confirm(SignedTransaction tx) {
        seq += 3;
        SnapshotPosition at = new SnapshotPosition("node-a", HEAD, seq, seq / 3, 0, SNAPSHOT_TIME, "cause-" + seq);
        return decoder.decode(at, 0, tx.cborHex(), tx.txId());
    }

    @Test
    void shouldOpenABidWithItsWorkloadAndPublishTheTransaction() {
        SignedTransaction open = openBid(raceBid(), "open-1");

        Decoded decoded = confirm(open);

        assertThat(decoded.deadLetters()).isEmpty();
        L2Transaction l2 = decoded.transaction().orElseThrow();
        assertThat(l2.getTxId()).isEqualTo(open.txId());
        assertThat(l2.getHeadId()).isEqualTo(HEAD);
        assertThat(l2.getSeq()).isEqualTo(seq);
        assertThat(l2.getCbor()).isEqualTo(ByteBuffer.wrap(open.cbor()));
        assertThat(l2.getInputs()).containsExactly(funds(APP, 100 * ADA, "open-1").getTxHash() + "#0");
        assertThat(l2.getSigners()).containsExactly(APP.keyHash().hex());
        assertThat(l2.getOutputs().get(0).getAddress()).isEqualTo(TXS.scripts().bid().addressBech32(NETWORK));
        assertThat(l2.getOutputs().get(1).getAddress()).isEqualTo(APP.address(NETWORK).toBech32());
        assertThat(l2.getOutputs().get(0).getInlineDatum()).isNotNull();
        assertThat(l2.getOccurredAt()).isEqualTo(SNAPSHOT_TIME);

        BidEvent event = decoded.bids().get(0);
        assertThat(event.getBidRef()).isEqualTo(open.txId() + "#0");
        assertThat(event.getOccurredAt()).isEqualTo(SNAPSHOT_TIME);
        assertThat(event.getChain().getTxId()).isEqualTo(open.txId());
        assertThat(event.getChain().getSeq()).isEqualTo(seq);
        BidOpened opened = (BidOpened) event.getPayload();
        assertThat(opened.getAppPkh()).isEqualTo(APP.keyHash().hex());
        assertThat(opened.getMode().getKind()).isEqualTo(ModeKind.RACE);
        assertThat(opened.getMaxPrice()).isEqualTo(50 * ADA);
        assertThat(opened.getRequest().getRegion()).isEqualTo("eu-west");
        assertThat(opened.getEscrowLovelace()).isEqualTo(l2.getOutputs().get(0).getLovelace());
        assertThat(opened.getWorkload().getKind()).isEqualTo(WorkloadKind.DEPLOYMENT);
        assertThat(opened.getWorkload().getImage()).isEqualTo(WORKLOAD.image());
        assertThat(opened.getWorkload().getPorts()).containsExactly(8080);
        assertThat(market.size()).isEqualTo(1);
    }

    @Test
    void shouldDecodeARaceAcceptWithTheLeaseAsOutputZero() {
        SignedTransaction open = openBid(raceBid(), "race-1");
        confirm(open);
        Utxo bid = output(open, 0);
        SignedTransaction accept = raceAccept(bid, OPERATOR, 20 * ADA);

        Decoded decoded = confirm(accept);

        BidAccepted accepted = (BidAccepted) decoded.bids().get(0).getPayload();
        assertThat(decoded.bids().get(0).getBidRef()).isEqualTo(open.txId() + "#0");
        assertThat(accepted.getOperatorId()).isEqualTo(OPERATOR.keyHash().hex());
        assertThat(accepted.getPrice()).isEqualTo(20 * ADA);
        assertThat(accepted.getLeaseRef()).isEqualTo(accept.txId() + "#0");
        assertThat(decoded.offers()).isEmpty();
        assertThat(market.size()).isZero();
    }

    @Test
    void shouldDecodeAnOfferAndTheAwardThatUsesIt() {
        SignedTransaction open = openBid(auctionBid(), "auction-1");
        confirm(open);
        Utxo bid = output(open, 0);
        SignedTransaction offerTx = makeOffer(bid, OPERATOR, 25 * ADA, "offer-1");

        Decoded made = confirm(offerTx);

        assertThat(made.deadLetters()).isEmpty();
        OfferMade offerMade = (OfferMade) made.offers().get(0).getPayload();
        assertThat(made.offers().get(0).getBidRef()).isEqualTo(open.txId() + "#0");
        assertThat(made.offers().get(0).getOfferRef()).isEqualTo(offerTx.txId() + "#0");
        assertThat(offerMade.getOperatorId()).isEqualTo(OPERATOR.keyHash().hex());
        assertThat(offerMade.getPrice()).isEqualTo(25 * ADA);
        assertThat(offerMade.getOffered().getCpuMillis()).isEqualTo(4000);

        SignedTransaction award = award(bid, output(offerTx, 0));
        Decoded awarded = confirm(award);

        assertThat(awarded.deadLetters()).isEmpty();
        BidAwarded bidAwarded = (BidAwarded) awarded.bids().get(0).getPayload();
        assertThat(bidAwarded.getOfferRef()).isEqualTo(offerTx.txId() + "#0");
        assertThat(bidAwarded.getOperatorId()).isEqualTo(OPERATOR.keyHash().hex());
        assertThat(bidAwarded.getPrice()).isEqualTo(25 * ADA);
        assertThat(bidAwarded.getLeaseRef()).isEqualTo(award.txId() + "#0");
        OfferUsed used = (OfferUsed) awarded.offers().get(0).getPayload();
        assertThat(awarded.offers().get(0).getBidRef()).isEqualTo(open.txId() + "#0");
        assertThat(used.getLeaseRef()).isEqualTo(award.txId() + "#0");
        assertThat(market.size()).isZero();
    }

    @Test
    void shouldDecodeACancelWithTheEscrowReturned() {
        SignedTransaction open = openBid(raceBid(), "cancel-1");
        long escrow = confirm(open).transaction().orElseThrow().getOutputs().get(0).getLovelace();

        Decoded decoded = confirm(cancel(output(open, 0)));

        BidCancelled cancelled = (BidCancelled) decoded.bids().get(0).getPayload();
        assertThat(cancelled.getRefundedLovelace()).isEqualTo(escrow);
    }

    @Test
    void shouldDecodeAWithdrawnOfferUnderItsBid() {
        SignedTransaction open = openBid(auctionBid(), "withdraw-1");
        confirm(open);
        SignedTransaction offerTx = makeOffer(output(open, 0), OTHER_OPERATOR, 30 * ADA, "offer-w");
        confirm(offerTx);

        Decoded decoded = confirm(withdraw(output(offerTx, 0), OTHER_OPERATOR));

        assertThat(decoded.offers().get(0).getBidRef()).isEqualTo(open.txId() + "#0");
        assertThat(((OfferWithdrawn) decoded.offers().get(0).getPayload()).getOperatorId())
                .isEqualTo(OTHER_OPERATOR.keyHash().hex());
    }

    @Test
    void shouldDeadLetterAFakeOfferNotSignedByItsOperator() {
        SignedTransaction open = openBid(auctionBid(), "fake-1");
        confirm(open);

        Decoded decoded = confirm(fakeOffer(output(open, 0), OPERATOR, STRANGER, "fake-offer"));

        assertThat(decoded.offers()).isEmpty();
        assertThat(decoded.transaction()).isPresent();
        assertThat(decoded.deadLetters()).singleElement()
                .satisfies(letter -> assertThat(letter.getReason()).contains("fake offer").contains(OPERATOR.keyHash().hex()));
        assertThat(market.size()).isEqualTo(1);
    }

    @Test
    void shouldDeadLetterABidOutputWhoseDatumDoesNotParse() {
        Decoded decoded = confirm(bidWithGarbageDatum("garbage-1"));

        assertThat(decoded.bids()).isEmpty();
        assertThat(decoded.transaction()).isPresent();
        assertThat(decoded.deadLetters()).singleElement()
                .satisfies(letter -> {
                    assertThat(letter.getReason()).contains("unreadable datum").contains("BidDatum");
                    assertThat(letter.getPayload()).isNotNull();
                });
    }

    @Test
    void shouldDeadLetterUndecodableCborAndPublishNoTransaction() {
        SnapshotPosition at = new SnapshotPosition("node-a", HEAD, 99, 7, 0, SNAPSHOT_TIME, "cause");

        Decoded notHex = decoder.decode(at, 0, "zz", "00".repeat(32));
        Decoded notATx = decoder.decode(at, 1, "a0", "11".repeat(32));

        assertThat(notHex.transaction()).isEmpty();
        assertThat(notHex.deadLetters()).singleElement().satisfies(l -> assertThat(l.getReason()).contains("not hex"));
        assertThat(notATx.transaction()).isEmpty();
        assertThat(notATx.deadLetters()).singleElement().satisfies(l -> {
            assertThat(l.getReason()).contains("not a Conway transaction");
            assertThat(l.getPayload()).isEqualTo(ByteBuffer.wrap(new byte[] {(byte) 0xa0}));
        });
    }

    @Test
    void shouldGiveTheSameEventIdsWhenTheSameSnapshotIsDecodedAgain() {
        SignedTransaction open = openBid(raceBid(), "replay-1");
        SnapshotPosition at = new SnapshotPosition("node-a", HEAD, 5, 2, 0, SNAPSHOT_TIME, "cause");
        Decoded first = decoder.decode(at, 0, open.cborHex(), open.txId());
        ConfirmedTxDecoder again = new ConfirmedTxDecoder(FabricAddresses.ofBlueprint(NETWORK_ID), new OpenMarketOutputs());

        Decoded second = again.decode(at, 0, open.cborHex(), open.txId());

        assertThat(second.transaction().orElseThrow().getEventId()).isEqualTo(first.transaction().orElseThrow().getEventId());
        assertThat(second.bids().get(0).getEventId()).isEqualTo(first.bids().get(0).getEventId());
        assertThat(second.transaction()).isEqualTo(first.transaction());
    }

    @Test
    void shouldRebuildTheIndexFromObservedTransactionsSoLaterSpendsDecode() {
        SignedTransaction open = openBid(raceBid(), "observe-1");
        ConfirmedTxDecoder restarted = new ConfirmedTxDecoder(FabricAddresses.ofBlueprint(NETWORK_ID), new OpenMarketOutputs());
        restarted.observe(open.cborHex(), open.txId());

        SnapshotPosition at = new SnapshotPosition("node-a", HEAD, 40, 9, 0, SNAPSHOT_TIME, "cause");
        SignedTransaction accept = raceAccept(output(open, 0), OPERATOR, 15 * ADA);
        Decoded decoded = restarted.decode(at, 0, accept.cborHex(), accept.txId());

        assertThat(decoded.bids()).singleElement().satisfies(e -> assertThat(e.getPayload()).isInstanceOf(BidAccepted.class));
    }
}
