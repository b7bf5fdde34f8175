package dev.fabric.devnet.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fabric.devnet.HydraDevnet;
import dev.fabric.devnet.head.HeadPhase;
import dev.fabric.hydra.api.TxIn;
import org.junit.jupiter.api.Test;

@WithHydraDevnet(initialUtxo = "devnet/test-utxo.json", snapshotPolicy = "batch:10:5")
class WithHydraDevnetTest {

    @Test
    void shouldInjectAnOpenDevnetFundedFromTheResource(HydraDevnet devnet) {
        assertThat(devnet.status()).isEqualTo(HeadPhase.OPEN);
        assertThat(devnet.confirmedUtxo().get(TxIn.parse("44".repeat(32) + "#0"))).isPresent();
        assertThat(devnet.config().snapshotPolicy().maxTxs()).isEqualTo(10);
    }

    @Test
    void shouldShareOneDevnetAcrossTheClass(HydraDevnet first, HydraDevnet second) {
        assertThat(first).isSameAs(second);
        assertThat(first.port()).isPositive();
    }
}
