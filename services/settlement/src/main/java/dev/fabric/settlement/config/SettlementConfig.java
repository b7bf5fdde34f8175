package dev.fabric.settlement.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code settlement.*} configuration, checked at start-up by {@link SettlementSettings#from}: a bad
 * value stops the service with a message naming the property. The arbiter key file and the head's
 * system start have no defaults in {@code %prod}.
 */
@ConfigMapping(prefix = "settlement")
public interface SettlementConfig {

    Arbiter arbiter();

    Head head();

    /** Address network of the head's outputs: {@code testnet} (also preprod/preview) or {@code mainnet}. */
    @WithDefault("testnet")
    String network();

    /** How long after its decision an Award may still be confirmed; its end is also the lease's start. */
    @WithDefault("5m")
    Duration awardValidity();

    /** Wait for a submitted transaction's record before looking at the head's UTxO. */
    @WithDefault("30s")
    Duration confirmTimeout();

    /** How long an input that left the head may take to show up in fabric.l2.transactions. */
    @WithDefault("2m")
    Duration chainGrace();

    /** Wall-clock slack after a deploy deadline before refunding. */
    @WithDefault("30s")
    Duration refundGrace();

    @WithDefault("1s")
    Duration retryInitial();

    @WithDefault("1m")
    Duration retryMax();

    /** How long a settled bid's state is kept to recognise late duplicates (the awards topic's retention). */
    @WithDefault("90d")
    Duration settledRetention();

    /** How often due timers are run (wall clock). */
    @WithDefault("1s")
    Duration tick();

    /** At most this many bids are woken per tick; the rest wait for the next one. */
    @WithDefault("500")
    int maxPerTick();

    /**
     * A tick stops waking bids after this long (the rest wait for the next tick), so a slow or
     * hung head never keeps the stream thread from polling past {@code max.poll.interval.ms}.
     */
    @WithDefault("10s")
    Duration tickBudget();

    interface Arbiter {
        /** cardano-cli text envelope of the arbiter's payment signing key (a mounted Kubernetes secret in production). */
        Path keyFile();

        /** When set, the key file must hold the key with this hash (guards against a wrong secret). */
        Optional<String> keyHash();
    }

    interface Head {
        /** hydra-node's HTTP API, e.g. {@code http://localhost:4001} (a ws:// URL works too). */
        String httpUrl();

        /** POSIX time of slot 0 of the head's ledger (the L1 genesis' systemStart, or the devnet's). */
        Instant systemStart();

        @WithDefault("1s")
        Duration slotLength();

        @WithDefault("10s")
        Duration requestTimeout();

        /** Inspections share a view of the head's UTxO no older than this. */
        @WithDefault("250ms")
        Duration utxoFreshness();

        /** Smallest arbiter output taken as collateral. */
        @WithDefault("5000000")
        long collateralMinimum();

        /** How long to wait for the reference-script transaction before publishing again. */
        @WithDefault("2m")
        Duration publishTimeout();

        /** How often to try getting the arbiter ready on the head until it is (read by {@code WalletWarmup}). */
        @WithDefault("2s")
        Duration warmupEvery();
    }
}
