package dev.fabric.settlement.config;

import dev.fabric.hydra.client.HydraHttpClient;
import dev.fabric.plutus.tx.SigningKey;
import dev.fabric.settlement.adapter.ArbiterKeyFile;
import dev.fabric.settlement.adapter.ArbiterWallet;
import dev.fabric.settlement.adapter.HeadUtxoView;
import dev.fabric.settlement.adapter.HydraHead;
import dev.fabric.settlement.domain.Head;
import dev.fabric.settlement.topology.SettlementMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.http.HttpClient;
import java.time.Clock;
import org.jboss.logging.Logger;

/**
 * Wires the head side: the arbiter key (loaded and checked at start-up, so a missing or malformed
 * key stops the service before it reads anything), the UTxO view, the wallet and the head adapter.
 */
@ApplicationScoped
public class HeadWiring {

    private static final Logger LOG = Logger.getLogger(HeadWiring.class);

    void onStart(@Observes StartupEvent start, ArbiterWallet wallet) {
        LOG.infof("settlement signs as arbiter %s (address %s)", wallet.arbiter().keyHash(), wallet.address());
    }

    @Produces
    @Singleton
    SettlementSettings settings(SettlementConfig config) {
        return SettlementSettings.from(config);
    }

    @Produces
    @Singleton
    SigningKey arbiterKey(SettlementConfig config) {
        return ArbiterKeyFile.load(config.arbiter().keyFile(), config.arbiter().keyHash());
    }

    @Produces
    @Singleton
    SettlementMetrics metrics(MeterRegistry registry) {
        return new SettlementMetrics(registry);
    }

    @Produces
    @Singleton
    HydraHttpClient http(SettlementSettings settings) {
        return new HydraHttpClient(settings.headUri(), HttpClient.newBuilder().connectTimeout(settings.requestTimeout()).build(),
                settings.requestTimeout());
    }

    @Produces
    @Singleton
    HeadUtxoView utxoView(HydraHttpClient http, SettlementSettings settings) {
        return new HeadUtxoView(http, Clock.systemUTC(), settings.utxoFreshness());
    }

    @Produces
    @Singleton
    ArbiterWallet wallet(SigningKey arbiter, HydraHttpClient http, HeadUtxoView view, SettlementSettings settings) {
        return new ArbiterWallet(arbiter, settings.network(), http, view, settings.slotTiming(), settings.collateralMinimum(),
                Clock.systemUTC(), settings.publishTimeout());
    }

    @Produces
    @Singleton
    Head head(ArbiterWallet wallet, HeadUtxoView view, HydraHttpClient http, SettlementSettings settings, SettlementMetrics metrics) {
        return new HydraHead(wallet, view, http, settings.awardValidity(), metrics);
    }
}
