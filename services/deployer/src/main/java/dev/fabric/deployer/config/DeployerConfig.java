package dev.fabric.deployer.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The deployer's configuration ({@code fabric.deployer.*}), validated at start: a deployer with an
 * operator id that is not a key hash, negative prices or an impossible surcharge does not start.
 * {@code %prod} has no defaults for the operator's identity and prices.
 */
@ConfigMapping(prefix = "fabric.deployer")
public interface DeployerConfig {

    /** Hex of the operator's payment key hash (56 characters). */
    @Pattern(regexp = "[0-9a-f]{56}", message = "must be the operator's payment key hash: 56 lowercase hex characters")
    String operatorId();

    /**
     * The operator's payment signing key: a cardano-cli text envelope ({@code PaymentSigningKeyShelley_ed25519}),
     * in Kubernetes the mounted secret. Its key hash must be {@link #operatorId()}.
     */
    String operatorKeyFile();

    /** Region the cluster is in; bids asking for another region are declined. Unset: only region-less bids. */
    Optional<String> region();

    Head head();

    Pricing pricing();

    CapacityLimits capacity();

    WorkloadLimits workload();

    Provisioning provisioning();

    Market market();

    /** Unit prices in lovelace per unit-hour, and the bounds around them. */
    interface Pricing {
        @Min(0)
        long cpuCoreHourLovelace();

        @Min(0)
        long memoryGibHourLovelace();

        @Min(0)
        long storageGibHourLovelace();

        @Min(0)
        long gpuHourLovelace();

        /** The operator never asks less than this per lease (its fixed cost of provisioning one). */
        @Min(0)
        long costFloorLovelace();

        /** Utilisation (basis points) above which the surcharge starts. */
        @WithDefault("7000")
        @Min(0)
        @Max(9999)
        int surchargeThresholdBps();

        /** Surcharge at full utilisation, in basis points of the base price. */
        @WithDefault("5000")
        @Min(0)
        @Max(100000)
        int surchargeMaxBps();
    }

    /** Caps on what is sold, whatever the nodes report (e.g. to keep room for the operator's own work). */
    interface CapacityLimits {
        Optional<@Min(0) Long> cpuMillis();

        Optional<@Min(0) Long> memoryMib();

        Optional<@Min(0) Long> storageGib();

        Optional<@Min(0) Integer> gpus();

        /** How often node allocatable is re-read. */
        @WithDefault("30s")
        Duration refreshInterval();
    }

    /** What workloads this operator runs. */
    interface WorkloadLimits {
        /** Registries images may come from; unset allows any. */
        Optional<List<String>> allowedRegistries();

        @WithDefault("false")
        boolean requireDigest();

        @WithDefault("16")
        @Min(1)
        int maxReplicas();

        @WithDefault("P7D")
        Duration maxLeaseDuration();
    }

    /** The operator's transactions on the head (where the head is: {@link HydraConfig}). */
    interface Head {
        /** The network the head's addresses belong to: {@code testnet} or {@code mainnet}. */
        @Pattern(regexp = "testnet|mainnet", message = "must be testnet or mainnet")
        String network();

        /** How long to wait for the head to accept or refuse a transaction. */
        @WithDefault("10s")
        Duration acceptTimeout();

        /** How long to wait for a snapshot to confirm an accepted transaction. */
        @WithDefault("60s")
        Duration confirmTimeout();

        /**
         * How long a race Accept may take to be confirmed. Its end is also when the lease starts (the
         * validator starts the lease at the end of the Accept's validity range), so longer means fewer
         * lost accepts on a slow head and a later start.
         */
        @WithDefault("60s")
        Duration acceptValidity();

        /** The least an ada-only output of the operator must hold to serve as collateral. */
        @WithDefault("5000000")
        @Min(1_000_000)
        long collateralMinimumLovelace();
    }

    /** Kubernetes side. */
    interface Provisioning {
        /** How long after the lease start the workload must be ready. */
        @WithDefault("5m")
        Duration deployDeadline();

        /** Open DNS egress to kube-dns from lease pods (see ModelOptions for why it is off by default). */
        @WithDefault("false")
        boolean allowDnsEgress();

        @WithDefault("3")
        @Min(0)
        int jobBackoffLimit();

        /** How often leases are advanced (rollout, deadlines, lease end). */
        @WithDefault("5s")
        Duration sweepInterval();

        /** How often leases still rolling out are checked for readiness, between sweeps (a GET per such lease). */
        @WithDefault("500ms")
        Duration rolloutPollInterval();

        /** How long past its end a lease's capacity stays held if its teardown never happens. */
        @WithDefault("10m")
        Duration leaseHoldGrace();

        /** Attempts at creating a lease's objects when the API server errs, before the lease fails. */
        @WithDefault("6")
        @Min(1)
        int applyAttempts();

        /** First pause between those attempts; doubles up to 30 s. */
        @WithDefault("1s")
        Duration applyBackoff();

        /**
         * The deployer's own ServiceAccount, the subject of the RoleBinding it creates in each lease
         * namespace (in a pod: {@code POD_NAMESPACE} and {@code POD_SERVICE_ACCOUNT} from the downward API).
         */
        Account account();
    }

    /** A ServiceAccount. */
    interface Account {
        @Pattern(regexp = "[a-z0-9]([-a-z0-9]*[a-z0-9])?", message = "must be a Kubernetes namespace name")
        String namespace();

        @Pattern(regexp = "[a-z0-9]([-.a-z0-9]*[a-z0-9])?", message = "must be a Kubernetes ServiceAccount name")
        String name();
    }

    /** Bid side. */
    interface Market {
        /** How long past a bid's deadline an offer's capacity stays held without news of the outcome. */
        @WithDefault("2m")
        Duration offerHoldGrace();

        /** How far back before a lease's start to look on fabric.bids for its bid, after a restart. */
        @WithDefault("P2D")
        Duration bidLookback();
    }
}
