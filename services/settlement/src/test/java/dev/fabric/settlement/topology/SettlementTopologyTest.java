package dev.fabric.settlement.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fabric.events.v1.award.AuctionDecision;
import dev.fabric.events.v1.common.ModeKind;
import dev.fabric.events.v1.dlq.DeadLetter;
import dev.fabric.events.v1.settlement.AwardSubmitted;
import dev.fabric.settlement.domain.Decision;
import dev.fabric.settlement.domain.Head;
import dev.fabric.settlement.domain.HeadAnswer;
import dev.fabric.settlement.domain.HeadCheck;
import dev.fabric.settlement.domain.LeaseTerms;
import dev.fabric.settlement.domain.PreparedTx;
import dev.fabric.settlement.domain.SettlementInput;
import dev.fabric.settlement.domain.TxPurpose;
import dev.fabric.settlement.fixture.Events;
import dev.fabric.settlement.fixture.TestKeys;
import dev.fabric.testkit.EventSamples;
import dev.fabric.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The topology's edges with a head that always takes the transaction: bad input, keys, timers, restarts. */
class SettlementTopologyTest {

    private static final Instant T0 = EventSamples.T0;
    private final AcceptingHead head = new AcceptingHead();
    private SettlementDriver driver;

    @BeforeEach
    void start() {
        driver = new SettlementDriver(head, T0);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private static AuctionDecision decision(int bid) {
        return Events.auction(EventSamples.ref(bid, 0), EventSamples.ref(bid, 1), TestKeys.OPERATOR, 9_000_000, T0, Duration.ofMinutes(5));
    }

    @Test
    void shouldDeadLetterUndecodableInputAndCarryOn() {
        driver.pipeRaw(Topics.AWARDS.name(), EventSamples.ref(1, 0), "not avro".getBytes(StandardCharsets.UTF_8));
        driver.pipeRaw(Topics.DEPLOYMENTS.name(), EventSamples.ref(1, 0), new byte[] {(byte) 0xC3, 0x01, 0x00});
        driver.pipeRaw(Topics.L2_TRANSACTIONS.name(), "head", new byte[0]);
        driver.pipeRaw(Topics.AWARDS.name(), null, Topics.AWARDS.valueSerde().serializer().serialize("t", decision(2)));
        driver.decide(decision(3));

        assertThat(driver.deadLetters()).extracting(DeadLetter::getSourceTopic)
                .containsExactly(Topics.AWARDS.name(), Topics.DEPLOYMENTS.name(), Topics.L2_TRANSACTIONS.name(), Topics.AWARDS.name());
        assertThat(driver.deadLetters()).allMatch(d -> d.getService().equals("settlement") && d.getPayload() != null);
        assertThat(driver.events(AwardSubmitted.class)).singleElement()
                .satisfies(a -> assertThat(a.getTxId()).isEqualTo(head.txId(EventSamples.ref(3, 0))));
    }

    @Test
    void shouldDeadLetterDecisionsSettlementCannotActOn() {
        driver.decide(AuctionDecision.newBuilder(decision(1)).setMode(ModeKind.UNKNOWN).build());
        driver.decide(AuctionDecision.newBuilder(decision(2)).setWinnerOfferRef(null).build());
        driver.decide(AuctionDecision.newBuilder(decision(3)).setPrice(0).build());
        driver.decide(AuctionDecision.newBuilder(decision(4)).setWinnerOperatorId("operator-4").build());

        assertThat(driver.deadLetters()).hasSize(4);
        assertThat(driver.deadLetters().get(0).getReason()).contains("mode");
        assertThat(driver.deadLetters().get(1).getReason()).contains("winnerOfferRef");
        assertThat(driver.deadLetters().get(2).getReason()).contains("price");
        assertThat(driver.deadLetters().get(3).getReason()).contains("winnerOperatorId");
        assertThat(head.calls).isEmpty();
    }

    @Test
    void shouldDeadLetterAConflictingDecisionWithItsPayload() {
        driver.decide(decision(1));
        AuctionDecision rival = AuctionDecision.newBuilder(decision(1)).setEventId("rival")
                .setWinnerOperatorId(TestKeys.OTHER_OPERATOR.keyHash().hex()).build();

        driver.decide(rival);

        assertThat(head.calls).hasSize(1);
        DeadLetter dead = driver.deadLetters().get(0);
        assertThat(dead.getReason()).contains("conflicting decision");
        assertThat(Topics.AWARDS.valueSerde().deserializer().deserialize("t", dead.getPayload().array())).isEqualTo(rival);
    }

    @Test
    void shouldKeepOneTimerPerBidAndMoveItWithTheState() {
        driver.decide(decision(1));
        KeyValueStore<String, String> timers = driver.driver.getKeyValueStore(SettlementStores.TIMERS);
        List<String> keys = new ArrayList<>();
        timers.all().forEachRemaining(kv -> keys.add(kv.key));
        assertThat(keys).singleElement().satisfies(key -> {
            assertThat(SettlementStores.timerBid(key)).isEqualTo(EventSamples.ref(1, 0));
            assertThat(SettlementStores.timerTime(key)).isEqualTo(T0.plus(SettlementDriver.TIMINGS.confirmTimeout()));
        });

        head.check = HeadCheck.CONFIRMED;
        driver.advance(SettlementDriver.TIMINGS.confirmTimeout());

        List<String> moved = new ArrayList<>();
        timers.all().forEachRemaining(kv -> moved.add(kv.key));
        assertThat(moved).singleElement().satisfies(key ->
                assertThat(SettlementStores.timerTime(key)).isEqualTo(T0.plus(SettlementDriver.TIMINGS.confirmTimeout().multipliedBy(2))));
        assertThat(head.calls).containsExactly("award " + EventSamples.ref(1, 0), "inspect " + head.txId(EventSamples.ref(1, 0)));
    }

    @Test
    void shouldFollowTheHeadsClockWhenItIsAheadOfTheWallClock() {
        AuctionDecision ahead = Events.auction(EventSamples.ref(1, 0), EventSamples.ref(1, 1), TestKeys.OPERATOR, 9_000_000,
                T0.plus(Duration.ofHours(1)), Duration.ofMinutes(5));

        driver.decide(ahead);

        assertThat(driver.state(EventSamples.ref(1, 0)).wakeAt()).contains(T0.plus(Duration.ofHours(1))
                .plus(SettlementDriver.TIMINGS.confirmTimeout()));
    }

    @Test
    void shouldIgnoreDeploymentTimesWhenKeepingTheClock() {
        driver.deploy(Events.running(EventSamples.ref(7, 0), TestKeys.OPERATOR, T0.plus(Duration.ofDays(3))));
        driver.decide(decision(1));

        assertThat(driver.state(EventSamples.ref(1, 0)).wakeAt()).contains(T0.plus(SettlementDriver.TIMINGS.confirmTimeout()));
    }

    /** Takes every transaction; ids are derived from what they spend. */
    private static final class AcceptingHead implements Head {
        final List<String> calls = new ArrayList<>();
        HeadCheck check = HeadCheck.PENDING;

        String txId(String spends) {
            return String.format("%064x", Math.abs((long) spends.hashCode()));
        }

        @Override
        public HeadAnswer submitAward(Decision decision, Instant now) {
            calls.add("award " + decision.bidRef());
            return new HeadAnswer.Accepted(new PreparedTx(txId(decision.bidRef()), "84", decision.bidRef()));
        }

        @Override
        public HeadAnswer submitRefund(LeaseTerms lease, Instant now) {
            calls.add("refund " + lease.leaseRef());
            return new HeadAnswer.Accepted(new PreparedTx(txId(lease.leaseRef()), "84", lease.leaseRef()));
        }

        @Override
        public HeadAnswer resubmit(PreparedTx tx) {
            calls.add("resubmit " + tx.txId());
            return new HeadAnswer.Accepted(tx);
        }

        @Override
        public SettlementInput.Inspected inspect(TxPurpose purpose, PreparedTx tx) {
            calls.add("inspect " + tx.txId());
            return new SettlementInput.Inspected(purpose, tx, Optional.of(check), "");
        }
    }
}
