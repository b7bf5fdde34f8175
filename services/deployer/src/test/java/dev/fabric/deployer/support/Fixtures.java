package dev.fabric.deployer.support;

import dev.fabric.deployer.domain.AllocationKind;
import dev.fabric.deployer.domain.BidTerms;
import dev.fabric.deployer.domain.Capacity;
import dev.fabric.deployer.domain.OperatorProfile;
import dev.fabric.deployer.domain.Workload;
import dev.fabric.deployer.domain.WorkloadKind;
import dev.fabric.deployer.domain.WorkloadRules;
import dev.fabric.deployer.provisioning.model.LeaseSpec;
import dev.fabric.deployer.provisioning.model.ModelOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Sample values shared by the deployer's tests. */
public final class Fixtures {

    /** The test operator key's hash (src/test/resources/operator.skey, DevnetKey.fromName("deployer-test-operator")). */
    public static final String ME = "a3a24e8bc7d245654bdf9f3c888be5a0b8ff647b70df5658553c89a7";
    public static final String OTHER_OPERATOR = "0c".repeat(28);
    public static final String APP = "a1".repeat(28);
    public static final Instant T0 = Instant.parse("2026-11-28T12:00:00Z");
    public static final Capacity REQUEST = new Capacity(2000, 4096, 20, 0);
    public static final WorkloadRules RULES = new WorkloadRules(Set.of(), false, 16, Duration.ofDays(7));
    public static final OperatorProfile PROFILE = new OperatorProfile(ME, Optional.of("eu-west"), RULES);
    /** The deployer's own account, as k8s/operator installs it. */
    public static final ModelOptions.ServiceAccountRef DEPLOYER_ACCOUNT = new ModelOptions.ServiceAccountRef("fabric-deployer", "fabric-deployer");

    private Fixtures() {
    }

    public static String txId(int n) {
        return String.format("%064x", n);
    }

    public static String bidRef(int n) {
        return txId(n) + "#0";
    }

    public static String leaseRef(int n) {
        return txId(1000 + n) + "#0";
    }

    public static Workload deployment() {
        return Workload.of(WorkloadKind.DEPLOYMENT, "ghcr.io/acme/api:1.4.2", List.of(), List.of("--port", "8080"),
                Map.of("MODE", "prod", "LEVEL", "info"), List.of(8080), 2);
    }

    public static Workload job() {
        return Workload.of(WorkloadKind.JOB, "ghcr.io/acme/batch:2.0", List.of("/bin/run"), List.of("--all"), Map.of(), List.of(), 1);
    }

    public static BidTerms bid(int n, AllocationKind mode) {
        return new BidTerms(bidRef(n), APP, REQUEST, 3600, Optional.of("eu-west"), 1_000_000, 20_000_000, mode,
                T0.plusSeconds(600), Set.of(), Optional.of(deployment()));
    }

    public static LeaseSpec lease(int n, Workload workload) {
        return new LeaseSpec(bidRef(n), leaseRef(n), APP, ME, REQUEST, T0, T0.plusSeconds(3600), workload);
    }

    public static LeaseSpec lease(int n) {
        return lease(n, deployment());
    }
}
