package dev.fabric.grid.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChaosPlanTest {

    private static final List<String> SERVICES = List.of("reputation", "auction", "bid-ingest", "settlement", "deployer-1");

    @Test
    void shouldKillEveryServiceOncePerRoundAndFailEveryOtherPartToo() {
        ChaosPlan plan = ChaosPlan.generate(SERVICES, 2, Duration.ofMinutes(2), 3);

        assertThat(plan.faults()).filteredOn(f -> f.kind() == Fault.Kind.KILL_SERVICE).extracting(Fault::target)
                .containsExactlyInAnyOrderElementsOf(List.of("reputation", "auction", "bid-ingest", "settlement", "deployer-1",
                        "reputation", "auction", "bid-ingest", "settlement", "deployer-1"));
        assertThat(plan.faults()).filteredOn(f -> f.kind() == Fault.Kind.RESTART_BROKER).hasSize(2);
        assertThat(plan.faults()).filteredOn(f -> f.kind() == Fault.Kind.DROP_HEAD_LINK).hasSize(4);
        assertThat(plan.faults()).filteredOn(f -> f.kind() == Fault.Kind.STALL_HEAD_LINK).hasSize(2);
        assertThat(plan.faults()).filteredOn(f -> f.kind() == Fault.Kind.REPLAY_DELIVERIES).hasSize(4);
    }

    @Test
    void shouldPlaceFaultsInOrderWithinTheWindowAfterAQuietStart() {
        ChaosPlan plan = ChaosPlan.generate(SERVICES, 3, Duration.ofSeconds(100), 5);

        assertThat(plan.faults()).extracting(Fault::at).isSorted()
                .allSatisfy(at -> assertThat(at).isBetween(Duration.ofSeconds(10), Duration.ofSeconds(100)));
    }

    @Test
    void shouldBeTheSamePlanForTheSameSeed() {
        assertThat(ChaosPlan.generate(SERVICES, 1, Duration.ofMinutes(1), 9))
                .isEqualTo(ChaosPlan.generate(SERVICES, 1, Duration.ofMinutes(1), 9))
                .isNotEqualTo(ChaosPlan.generate(SERVICES, 1, Duration.ofMinutes(1), 10));
    }

    @Test
    void shouldRefuseAPlanThatCannotRun() {
        assertThatThrownBy(() -> ChaosPlan.generate(SERVICES, 0, Duration.ofMinutes(1), 1)).hasMessageContaining("rounds");
        assertThatThrownBy(() -> ChaosPlan.generate(SERVICES, 1, Duration.ofSeconds(5), 1)).hasMessageContaining("window");
        assertThatThrownBy(() -> new Fault(Fault.Kind.KILL_SERVICE, "", Duration.ZERO)).hasMessageContaining("needs a target");
        assertThatThrownBy(() -> new Fault(Fault.Kind.STALL_HEAD_LINK, "auction", Duration.ZERO)).hasMessageContaining("takes no target");
    }
}
