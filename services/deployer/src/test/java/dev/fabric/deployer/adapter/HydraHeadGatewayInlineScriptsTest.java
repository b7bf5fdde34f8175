package dev.fabric.deployer.adapter;

import static dev.fabric.deployer.support.DevnetMarket.ADA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.bloxbean.cardano.client.transaction.spec.Transaction;
import com.bloxbean.cardano.client.util.HexUtil;
import dev.fabric.deployer.adapter.HeadGateway.SubmitResult;
import dev.fabric.deployer.support.DevnetMarket;
import dev.fabric.deployer.support.DevnetMarket.OpenedBid;
import dev.fabric.devnet.HydraDevnet;
import dev.fabric.devnet.junit.WithHydraDevnet;
import dev.fabric.hydra.api.ServerOutput;
import dev.fabric.hydra.api.TimedServerOutput;
import dev.fabric.hydra.client.HeadListener;
import dev.fabric.plutus.datum.Mode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * A head where nobody published the validators yet: the gateway carries them in its transactions,
 * and switches to the reference scripts as soon as they appear on the head, without being told.
 */
@WithHydraDevnet(initialUtxo = DevnetMarket.INITIAL_UTXO)
class HydraHeadGatewayInlineScriptsTest {

    @Test
    void shouldCarryTheValidatorsInlineUntilTheHeadHoldsThemAsReferenceScripts(HydraDevnet devnet) {
        DevnetMarket market = new DevnetMarket(devnet);
        Map<String, String> confirmed = new ConcurrentHashMap<>();
        try (DevnetMarket.Gateway gateway = market.gateway(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(6))) {
            gateway.connection().addListener(new HeadListener() {
                @Override
                public void onOutput(TimedServerOutput out) {
                    if (out.output() instanceof ServerOutput.SnapshotConfirmed snapshot) {
                        snapshot.snapshot().confirmed().forEach(tx -> confirmed.put(tx.txId(), tx.cborHex()));
                    }
                }
            });

            Transaction inline = accepted(market, gateway, confirmed);
            market.publishReferenceScripts();
            Transaction referenced = accepted(market, gateway, confirmed);

            assertThat(inline.getWitnessSet().getPlutusV3Scripts()).hasSize(1);
            assertThat(inline.getBody().getReferenceInputs()).isNullOrEmpty();
            assertThat(referenced.getWitnessSet().getPlutusV3Scripts()).isNullOrEmpty();
            assertThat(referenced.getBody().getReferenceInputs()).hasSize(1);
        }
    }

    private static Transaction accepted(DevnetMarket market, DevnetMarket.Gateway gateway, Map<String, String> confirmed) {
        OpenedBid bid = market.openBid(new Mode.Race(), 2 * ADA, 20 * ADA, 600, Duration.ofMinutes(10), Optional.empty(), List.of());
        SubmitResult result = gateway.head().submitAccept(new HeadGateway.AcceptTx(bid.bidRef(), 5 * ADA, Instant.ofEpochMilli(bid.datum().deadlineMs())));
        assertThat(result).isInstanceOf(SubmitResult.Valid.class);
        String txId = ((SubmitResult.Valid) result).txId();
        await().atMost(Duration.ofSeconds(10)).until(() -> confirmed.containsKey(txId));
        try {
            return Transaction.deserialize(HexUtil.decodeHexString(confirmed.get(txId)));
        } catch (Exception e) {
            throw new AssertionError("not a transaction: " + e.getMessage(), e);
        }
    }
}
