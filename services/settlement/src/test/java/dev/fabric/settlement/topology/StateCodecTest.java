package dev.fabric.settlement.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fabric.settlement.domain.AwardMode;
import dev.fabric.settlement.domain.BidSettlement;
import dev.fabric.settlement.domain.ChainFact;
import dev.fabric.settlement.domain.ChainPosition;
import dev.fabric.settlement.domain.Decision;
import dev.fabric.settlement.domain.DeploymentSignal;
import dev.fabric.settlement.domain.LeaseTerms;
import dev.fabric.settlement.domain.PreparedTx;
import dev.fabric.settlement.domain.SourcePosition;
import dev.fabric.settlement.domain.TxProgress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class StateCodecTest {

    private static final Instant T0 = Instant.parse("2026-11-28T12:00:00.123Z");
    private static final String BID = "01".repeat(32) + "#0";
    private static final LeaseTerms LEASE = new LeaseTerms("02".repeat(32) + "#0", BID, "0b".repeat(28), "a1".repeat(28),
            9_000_000, T0.toEpochMilli(), 3600, Optional.of("ee".repeat(28)));
    private static final ChainPosition AT = new ChainPosition("4a".repeat(16), "02".repeat(32), 7, 99, T0, "l2-event");

    private static <T> T roundTrip(Serde<T> serde, T value) {
        return serde.deserializer().deserialize("t", serde.serializer().serialize("t", value));
    }

    @Test
    void shouldKeepEveryPartOfABidsSettlement() {
        Decision decision = new Decision("d-1", BID, AwardMode.AUCTION, "0b".repeat(28), Optional.of("03".repeat(32) + "#0"),
                9_000_000, "a1".repeat(28), Optional.of("ee".repeat(28)), Optional.empty(), T0, T0.plusSeconds(300),
                new SourcePosition("fabric.awards", 3, 42));
        PreparedTx tx = new PreparedTx("02".repeat(32), "84a400", BID);
        BidSettlement state = new BidSettlement(BID, Optional.of(decision),
                Optional.of(TxProgress.built(tx, T0).submitted(tx, T0.plusSeconds(1)).withAnnounced()),
                Optional.of(new BidSettlement.LeaseRecord(LEASE, ChainFact.LeaseOrigin.AWARD, AT)),
                BidSettlement.DeploymentProgress.NONE, Optional.of(TxProgress.awaitingChain(Optional.empty(), T0)),
                Optional.of("deployment failed: ROLLOUT: x"),
                Optional.of(new BidSettlement.Closure(ChainFact.LeaseSpend.REFUND, "05".repeat(32), 9_000_000, T0.plusSeconds(9))),
                Optional.empty(), Optional.of(new BidSettlement.Failure("no", T0)), Optional.of("06".repeat(32)), 3,
                Optional.of(T0.plusSeconds(4)), Optional.of(T0.plusSeconds(5)));

        assertThat(roundTrip(StateCodec.settlementSerde(), state)).isEqualTo(state);
    }

    @Test
    void shouldKeepTheDeploymentProgress() {
        BidSettlement state = BidSettlement.empty(BID);
        DeploymentSignal failed = new DeploymentSignal(BID, "e", "0b".repeat(28), DeploymentSignal.Status.FAILED, "ROLLOUT: x", T0);
        BidSettlement.DeploymentProgress progress = new BidSettlement.DeploymentProgress(Optional.of(DeploymentSignal.Status.FAILED),
                Optional.of(T0), Optional.of(failed.detail()), Optional.of(T0.plusSeconds(1)));
        BidSettlement withProgress = new BidSettlement(BID, Optional.empty(), Optional.empty(), Optional.empty(), progress,
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 0,
                Optional.empty(), Optional.empty());

        assertThat(roundTrip(StateCodec.settlementSerde(), state)).isEqualTo(state);
        assertThat(roundTrip(StateCodec.settlementSerde(), withProgress)).isEqualTo(withProgress);
    }

    @Test
    void shouldKeepEveryKindOfChainFact() {
        List<ChainFact> facts = List.of(
                new ChainFact.LeaseCreated(LEASE, ChainFact.LeaseOrigin.RACE_ACCEPT, AT),
                new ChainFact.LeaseSpent(LEASE, ChainFact.LeaseSpend.CLAIM, 9_000_000, true, AT),
                new ChainFact.BidClosed(BID, AT));

        for (ChainFact fact : facts) {
            assertThat(roundTrip(StateCodec.chainFactSerde(), fact)).isEqualTo(fact);
        }
    }

    @Test
    void shouldIgnoreFieldsAddedByANewerReleaseButRefuseANewerVersion() {
        byte[] withExtra = ("{\"v\":1,\"value\":{\"leaseRef\":\"" + LEASE.leaseRef() + "\",\"bidRef\":\"" + BID
                + "\",\"operatorId\":\"op\",\"appPkh\":\"app\",\"price\":5,\"startMs\":1,\"durationSeconds\":2,\"arbiter\":null,"
                + "\"somethingNew\":true}}").getBytes(StandardCharsets.UTF_8);
        assertThat(StateCodec.leaseSerde().deserializer().deserialize("t", withExtra).price()).isEqualTo(5);

        byte[] newer = "{\"v\":2,\"value\":{}}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> StateCodec.leaseSerde().deserializer().deserialize("t", newer))
                .isInstanceOf(SerializationException.class).hasMessageContaining("version 2");
    }
}
