package dev.fabric.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fabric.topics.Topics;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * bid-ingest, settlement and the deployer run as one instance that is never doubled during a
 * rollout; auction and reputation scale out with the bid partitions and keep standby stores in prod.
 */
class ScalingTest {

    private static final String STANDBY = "kafka-streams.num.standby.replicas";

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod", "operator"})
    void shouldRunSingleActiveServicesAsOneInstanceReplacedNotRolled(String dir) {
        RenderedManifests rendered = Kustomize.render(dir);
        SoftAssertions softly = new SoftAssertions();
        for (Deployment deployment : rendered.deployments()) {
            String name = deployment.getMetadata().getName();
            if (Workloads.SINGLE_ACTIVE.contains(name)) {
                softly.assertThat(deployment.getSpec().getReplicas()).as(dir + " " + name + ": replicas").isEqualTo(1);
                softly.assertThat(deployment.getSpec().getStrategy().getType()).as(dir + " " + name + ": strategy").isEqualTo("Recreate");
            }
        }
        softly.assertAll();
    }

    @Test
    void shouldScaleAuctionAndReputationOutInProdWithinTheBidPartitions() {
        RenderedManifests prod = Kustomize.render("overlays/prod");
        SoftAssertions softly = new SoftAssertions();
        for (String name : Workloads.SCALE_OUT) {
            Deployment deployment = prod.deployment(name).orElseThrow();
            // More instances than partitions would sit idle: tasks follow the partitions.
            softly.assertThat(deployment.getSpec().getReplicas()).as(name + ": replicas")
                    .isBetween(2, Topics.BID_PARTITIONS);
            softly.assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal())
                    .as(name + ": maxUnavailable").isZero();
            softly.assertThat(EffectiveConfig.of(prod, deployment).get(STANDBY)).as(name + ": " + STANDBY).contains("1");
        }
        softly.assertAll();
    }

    @Test
    void shouldKeepNoStandbysInDevWhereThereIsOneInstance() {
        RenderedManifests dev = Kustomize.render("overlays/dev");
        for (String name : Workloads.SCALE_OUT) {
            Deployment deployment = dev.deployment(name).orElseThrow();
            assertThat(deployment.getSpec().getReplicas()).as(name).isEqualTo(1);
            assertThat(EffectiveConfig.of(dev, deployment).get(STANDBY)).as(name + ": " + STANDBY).contains("0");
            assertThat(EffectiveConfig.of(dev, deployment).get("kafka-streams.replication.factor")).as(name).contains("1");
        }
    }

    @Test
    void shouldGiveProdMoreRoomThanDev() {
        RenderedManifests dev = Kustomize.render("overlays/dev");
        RenderedManifests prod = Kustomize.render("overlays/prod");
        for (String name : Workloads.SCALE_OUT) {
            long devMemory = memoryLimit(dev.deployment(name).orElseThrow());
            long prodMemory = memoryLimit(prod.deployment(name).orElseThrow());
            assertThat(prodMemory).as(name + ": memory limit prod vs dev").isGreaterThan(devMemory);
        }
    }

    private static long memoryLimit(Deployment deployment) {
        return io.fabric8.kubernetes.api.model.Quantity.getAmountInBytes(ServiceWiringTest.container(deployment)
                .getResources().getLimits().get("memory")).longValue();
    }
}
