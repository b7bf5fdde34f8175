package dev.fabric.settlement.chain;

import static dev.fabric.settlement.fixture.OfflineMarket.ADA;
import static dev.fabric.settlement.fixture.OfflineMarket.EVALUATOR;
import static dev.fabric.settlement.fixture.OfflineMarket.TXS;
import static dev.fabric.settlement.fixture.OfflineMarket.at;
import static dev.fabric.settlement.fixture.OfflineMarket.funds;
import static dev.fabric.settlement.fixture.OfflineMarket.output;
import static dev.fabric.settlement.fixture.OfflineMarket.ref;
import static dev.fabric.settlement.fixture.TestKeys.APP;
import static dev.fabric.settlement.fixture.TestKeys.ARBITER;
import static dev.fabric.settlement.fixture.TestKeys.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

import com.bloxbean.cardano.client.api.model.Utxo;
import dev.fabric.events.v1.hydra.L2Transaction;
import dev.fabric.plutus.datum.BidDatum;
import dev.fabric.plutus.tx.SignedTransaction;
import dev.fabric.settlement.domain.ChainFact;
import dev.fabric.settlement.domain.LeaseTerms;
import dev.fabric.settlement.domain.MoneyRules;
import dev.fabric.settlement.fixture.L2Records;
import dev.fabric.settlement.fixture.OfflineMarket;
import dev.fabric.settlement.fixture.TestKeys;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChainReaderTest {

    private static final String HEAD = "4a".repeat(16);
    private final ChainReader reader = new ChainReader(TestKeys.NETWORK);
    private final Map<String, Long> escrows = new HashMap<>();
    private final Map<String, LeaseTerms> leases = new HashMap<>();
    private int snapshot;

    private SignedTransaction openBid;
    private SignedTransaction offer;

    @BeforeEach
    void openAnAuctionBidWithAnOffer() {
        BidDatum bid = OfflineMarket.auctionBid(at(600), 60);
        openBid = TXS.openBid(List.of(funds(APP, 100 * ADA, "app")), bid, Optional.empty(), APP).complete(EVALUATOR);
        offer = TXS.makeOffer(List.of(funds(OPERATOR, 10 * ADA, "operator")),
                OfflineMarket.offer(ref(output(openBid, 0)), OPERATOR, 12 * ADA, at(900)), OPERATOR).complete(EVALUATOR);
    }

    /** Reads a transaction as the chain-facts processor does, keeping its stores in the two maps. */
    private ChainReader.Reading read(SignedTransaction tx) {
        L2Transaction record = L2Records.of(HEAD, tx.cbor(), ++snapshot, 100L + snapshot, 0, Instant.ofEpochMilli(at(snapshot)));
        ChainReader.Reading reading = reader.read(record, ref -> Optional.ofNullable(escrows.get(ref)),
                ref -> Optional.ofNullable(leases.get(ref)));
        reading.escrowsClosed().forEach(escrows::remove);
        reading.leasesClosed().forEach(leases::remove);
        escrows.putAll(reading.escrowsOpened());
        leases.putAll(reading.leasesOpened());
        return reading;
    }

    private SignedTransaction award() {
        return TXS.award(output(openBid, 0), output(offer, 0), ARBITER, funds(ARBITER, 10 * ADA, "collateral"), at(0), at(120))
                .complete(EVALUATOR);
    }

    @Test
    void shouldTrackTheEscrowOfAnOpenedBid() {
        ChainReader.Reading reading = read(openBid);

        assertThat(reading.facts()).isEmpty();
        assertThat(reading.escrowsOpened()).containsOnlyKeys(openBid.txId() + "#0");
        assertThat(reading.escrowsOpened().values()).allMatch(lovelace -> lovelace > 30 * ADA);
    }

    @Test
    void shouldReadAnAwardAsTheBidsLeaseWithItsEscrowSplitChecked() {
        read(openBid);
        read(offer);
        SignedTransaction award = award();

        ChainReader.Reading reading = read(award);

        assertThat(reading.facts()).singleElement().isInstanceOfSatisfying(ChainFact.LeaseCreated.class, created -> {
            assertThat(created.origin()).isEqualTo(ChainFact.LeaseOrigin.AWARD);
            assertThat(created.lease().leaseRef()).isEqualTo(award.txId() + "#0");
            assertThat(created.lease().bidRef()).isEqualTo(openBid.txId() + "#0");
            assertThat(created.lease().operatorId()).isEqualTo(OPERATOR.keyHash().hex());
            assertThat(created.lease().price()).isEqualTo(12 * ADA);
            assertThat(created.lease().arbiter()).contains(ARBITER.keyHash().hex());
            assertThat(created.at().txId()).isEqualTo(award.txId());
        });
        assertThat(reading.verdicts()).extracting(MoneyRules.Verdict::rule)
                .containsExactlyInAnyOrder(MoneyRules.Rule.LEASE_VALUE, MoneyRules.Rule.ESCROW_SPLIT);
        assertThat(reading.verdicts()).allMatch(MoneyRules.Verdict::holds);
        assertThat(reading.escrowsClosed()).containsExactly(openBid.txId() + "#0");
    }

    @Test
    void shouldReadAnArbiterRefundAsARefundOfThePrice() {
        read(openBid);
        read(offer);
        SignedTransaction award = award();
        read(award);
        SignedTransaction refund = TXS.refund(output(award, 0), List.of(ARBITER), funds(ARBITER, 10 * ADA, "collateral"))
                .complete(EVALUATOR);

        ChainReader.Reading reading = read(refund);

        assertThat(reading.facts()).singleElement().isInstanceOfSatisfying(ChainFact.LeaseSpent.class, spent -> {
            assertThat(spent.spend()).isEqualTo(ChainFact.LeaseSpend.REFUND);
            assertThat(spent.amount()).isEqualTo(12 * ADA);
            assertThat(spent.lease().bidRef()).isEqualTo(openBid.txId() + "#0");
        });
        assertThat(reading.verdicts()).singleElement().satisfies(v -> {
            assertThat(v.rule()).isEqualTo(MoneyRules.Rule.LEASE_PAYOUT);
            assertThat(v.holds()).isTrue();
        });
        assertThat(leases).isEmpty();
    }

    @Test
    void shouldReadAnOperatorsClaimAndWhetherTheArbiterCoSigned() {
        read(openBid);
        read(offer);
        SignedTransaction award = award();
        read(award);
        Utxo lease = output(award, 0);
        SignedTransaction earlyClaim = TXS.claim(lease, OPERATOR, Optional.of(ARBITER), funds(OPERATOR, 10 * ADA, "op-collateral"),
                at(130)).complete(EVALUATOR);

        ChainReader.Reading reading = read(earlyClaim);

        assertThat(reading.facts()).singleElement().isInstanceOfSatisfying(ChainFact.LeaseSpent.class, spent -> {
            assertThat(spent.spend()).isEqualTo(ChainFact.LeaseSpend.CLAIM);
            assertThat(spent.early()).isTrue();
            assertThat(spent.amount()).isEqualTo(12 * ADA);
        });
    }

    @Test
    void shouldReadARaceAcceptAsARaceLease() {
        SignedTransaction raceBid = TXS.openBid(List.of(funds(APP, 100 * ADA, "app-race")),
                OfflineMarket.raceBid(at(600), 60), Optional.empty(), APP).complete(EVALUATOR);
        read(raceBid);
        SignedTransaction accept = TXS.raceAccept(output(raceBid, 0), 7 * ADA, OPERATOR, funds(OPERATOR, 10 * ADA, "op-collateral"),
                at(0), at(60)).complete(EVALUATOR);

        ChainReader.Reading reading = read(accept);

        assertThat(reading.facts()).singleElement().isInstanceOfSatisfying(ChainFact.LeaseCreated.class,
                created -> assertThat(created.origin()).isEqualTo(ChainFact.LeaseOrigin.RACE_ACCEPT));
        assertThat(reading.verdicts()).allMatch(MoneyRules.Verdict::holds);
    }

    @Test
    void shouldReadACancelAsTheBidClosedWithoutALease() {
        read(openBid);
        SignedTransaction cancel = TXS.cancel(output(openBid, 0), APP, funds(APP, 10 * ADA, "app-collateral")).complete(EVALUATOR);

        ChainReader.Reading reading = read(cancel);

        assertThat(reading.facts()).singleElement().isInstanceOfSatisfying(ChainFact.BidClosed.class,
                closed -> assertThat(closed.bidRef()).isEqualTo(openBid.txId() + "#0"));
        assertThat(escrows).isEmpty();
    }

    @Test
    void shouldNotBelieveALeaseOutputThatSpendsNoBid() {
        read(openBid);
        read(offer);
        SignedTransaction award = award();
        // Someone pays the Lease script a copy of the real lease datum, without spending the bid.
        L2Transaction real = L2Records.of(HEAD, award.cbor(), 50, 150, 0, Instant.ofEpochMilli(at(50)));
        L2Transaction forged = L2Transaction.newBuilder(real)
                .setTxId("ff".repeat(32))
                .setInputs(List.of(funds(APP, 40 * ADA, "forger").getTxHash() + "#0"))
                .build();

        ChainReader.Reading reading = reader.read(forged, ref -> Optional.ofNullable(escrows.get(ref)),
                ref -> Optional.ofNullable(leases.get(ref)));

        assertThat(reading.facts()).isEmpty();
        assertThat(reading.leasesOpened()).isEmpty();
    }

    @Test
    void shouldFlagAnEscrowThatDoesNotSplitIntoLeaseAndChange() {
        read(openBid);
        read(offer);
        escrows.put(openBid.txId() + "#0", escrows.get(openBid.txId() + "#0") + 1);

        ChainReader.Reading reading = read(award());

        assertThat(reading.verdicts()).filteredOn(v -> v.rule() == MoneyRules.Rule.ESCROW_SPLIT)
                .singleElement().satisfies(v -> assertThat(v.holds()).isFalse());
    }
}
