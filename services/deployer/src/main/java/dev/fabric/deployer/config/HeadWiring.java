package dev.fabric.deployer.config;

import com.bloxbean.cardano.client.common.model.Network;
import com.bloxbean.cardano.client.common.model.Networks;
import dev.fabric.deployer.adapter.HeadGateway;
import dev.fabric.deployer.adapter.HydraHeadGateway;
import dev.fabric.hydra.client.HeadConnection;
import dev.fabric.hydra.client.HeadConnectionConfig;
import dev.fabric.hydra.client.HydraHttpClient;
import dev.fabric.hydra.client.TxSubmitter;
import dev.fabric.plutus.datum.KeyHash;
import dev.fabric.plutus.eval.SlotTiming;
import dev.fabric.plutus.tx.KeyFiles;
import dev.fabric.plutus.tx.SigningKey;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * The head side of the deployer: the operator key (loaded and checked at start, so a missing,
 * malformed or wrong key stops the service before it answers anything), the hydra-node client and
 * the gateway that signs and submits the operator's transactions.
 */
@ApplicationScoped
public class HeadWiring {

    private static final Logger LOG = Logger.getLogger(HeadWiring.class);

    /** The operator's key; its hash must be the configured operator id. Never logged (its toString is the hash). */
    @Produces
    @Singleton
    @Startup
    SigningKey operatorKey(DeployerConfig config) {
        SigningKey key = KeyFiles.load(Path.of(config.operatorKeyFile()), "operator", KeyHash.ofHex(config.operatorId()),
                "fabric.deployer.operator-id");
        LOG.infof("Operator key of %s loaded from %s", key.keyHash(), config.operatorKeyFile());
        return key;
    }

    @Produces
    @Singleton
    SlotTiming slotTiming(HydraConfig hydra) {
        return new SlotTiming(hydra.systemStart().toEpochMilli(), 0, hydra.slotLength().toMillis());
    }

    @Produces
    @Singleton
    HydraHttpClient hydraHttpClient(HydraConfig hydra) {
        return new HydraHttpClient(hydra.httpUrl(), HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(),
                Duration.ofSeconds(30));
    }

    /**
     * The WebSocket, for the head's verdicts and snapshots on what the gateway submits. No history:
     * only transactions submitted from now on are followed. It reconnects on its own.
     */
    @Produces
    @Singleton
    HeadConnection headConnection(HydraConfig hydra) {
        URI node = hydra.url().orElse(hydra.httpUrl());
        HeadConnection connection = new HeadConnection(HeadConnectionConfig.builder(node).history(false).build());
        connection.start().whenComplete((greetings, error) -> {
            if (error != null) {
                LOG.warnf("Head connection to %s not established yet: %s", node, error.getMessage());
            } else {
                LOG.infof("Connected to hydra-node %s at %s (head %s)", greetings.hydraNodeVersion(), node, greetings.headStatus());
            }
        });
        return connection;
    }

    void closeHeadConnection(@Disposes HeadConnection connection) {
        connection.close();
    }

    @Produces
    @Singleton
    TxSubmitter txSubmitter(HeadConnection connection, HydraHttpClient http, DeployerConfig config) {
        return new TxSubmitter(connection, http, config.head().acceptTimeout(), config.head().confirmTimeout());
    }

    void closeTxSubmitter(@Disposes TxSubmitter submitter) {
        submitter.close();
    }

    @Produces
    @Singleton
    HeadGateway headGateway(HydraHttpClient http, TxSubmitter submitter, SigningKey operatorKey, SlotTiming timing,
                            DeployerConfig config, Clock clock) {
        DeployerConfig.Head head = config.head();
        Network network = "mainnet".equals(head.network()) ? Networks.mainnet() : Networks.testnet();
        // A transaction without a verdict is assumed able to land until well past the time the head takes to decide.
        Duration inFlightTtl = head.acceptTimeout().plus(head.confirmTimeout()).multipliedBy(2);
        HydraHeadGateway gateway = new HydraHeadGateway(http, submitter, operatorKey, network, timing,
                new HydraHeadGateway.Settings(head.acceptValidity(), head.collateralMinimumLovelace(), inFlightTtl), clock);
        LOG.infof("Head gateway for operator %s: funds and collateral at %s", operatorKey.keyHash(), gateway.address());
        return gateway;
    }
}
