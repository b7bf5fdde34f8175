package dev.fabric.deployer.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fabric.hydra.api.TxIn;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InFlightInputsTest {

    private static final Instant T0 = Instant.parse("2026-11-28T12:00:00Z");
    private static final TxIn FUNDS = new TxIn("11".repeat(32), 0);
    private static final TxIn COLLATERAL = new TxIn("11".repeat(32), 1);
    private static final TxIn BID = new TxIn("22".repeat(32), 0);
    private static final TxIn OTHER = new TxIn("33".repeat(32), 0);

    private final InFlightInputs inFlight = new InFlightInputs();

    @Test
    void shouldKeepSpentInputsForOneTransactionOnly() {
        inFlight.hold("a", Set.of(FUNDS), Set.of(), T0.plusSeconds(60));

        assertThat(inFlight.freeToSpend(FUNDS)).isFalse();
        assertThat(inFlight.freeAsCollateral(FUNDS)).isFalse();
        assertThat(inFlight.freeToSpend(OTHER)).isTrue();
    }

    @Test
    void shouldShareCollateralBetweenScriptTransactionsButNeverSpendIt() {
        inFlight.hold("accept", Set.of(BID), Set.of(COLLATERAL), T0.plusSeconds(60));

        assertThat(inFlight.freeAsCollateral(COLLATERAL)).as("a second script transaction may name it too").isTrue();
        assertThat(inFlight.freeToSpend(COLLATERAL)).as("but no transaction may spend it meanwhile").isFalse();
    }

    @Test
    void shouldFreeTheInputsOfARefusedTransaction() {
        inFlight.hold("a", Set.of(FUNDS), Set.of(COLLATERAL), T0.plusSeconds(60));

        inFlight.release("a");

        assertThat(inFlight.freeToSpend(FUNDS)).isTrue();
        assertThat(inFlight.freeToSpend(COLLATERAL)).isTrue();
        assertThat(inFlight.transactions()).isEmpty();
    }

    @Test
    void shouldForgetATransactionOnceTheHeadNoLongerHasItsInputs() {
        inFlight.hold("landed", Set.of(FUNDS), Set.of(), T0.plusSeconds(60));
        inFlight.hold("pending", Set.of(BID), Set.of(COLLATERAL), T0.plusSeconds(60));

        inFlight.prune(Set.of(BID, COLLATERAL, OTHER), T0);

        assertThat(inFlight.transactions()).containsExactly("pending");
        assertThat(inFlight.freeToSpend(FUNDS)).isTrue();
    }

    @Test
    void shouldForgetATransactionWithoutAVerdictAtItsDeadline() {
        inFlight.hold("dropped", Set.of(FUNDS), Set.of(), T0.plusSeconds(60));

        inFlight.prune(Set.of(FUNDS), T0.plusSeconds(59));
        assertThat(inFlight.freeToSpend(FUNDS)).isFalse();
        inFlight.prune(Set.of(FUNDS), T0.plusSeconds(60));
        assertThat(inFlight.freeToSpend(FUNDS)).isTrue();
    }
}
