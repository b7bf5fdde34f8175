package dev.fabric.deployer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeployerMainTest {

    private String saved;

    @BeforeEach
    void save() {
        saved = System.getProperty(DeployerMain.AVRO_TRUSTED_PACKAGES);
    }

    @AfterEach
    void restore() {
        if (saved == null) {
            System.clearProperty(DeployerMain.AVRO_TRUSTED_PACKAGES);
        } else {
            System.setProperty(DeployerMain.AVRO_TRUSTED_PACKAGES, saved);
        }
    }

    @Test
    void shouldTrustTheEventPackagesWhenNothingIsConfigured() {
        System.clearProperty(DeployerMain.AVRO_TRUSTED_PACKAGES);

        DeployerMain.trustFabricEvents();

        assertThat(System.getProperty(DeployerMain.AVRO_TRUSTED_PACKAGES)).isEqualTo("dev.fabric");
    }

    @Test
    void shouldKeepWhatTheOperatorConfiguredAndAddTheEventPackages() {
        System.setProperty(DeployerMain.AVRO_TRUSTED_PACKAGES, "com.example");

        DeployerMain.trustFabricEvents();
        DeployerMain.trustFabricEvents();

        assertThat(System.getProperty(DeployerMain.AVRO_TRUSTED_PACKAGES)).isEqualTo("com.example,dev.fabric");
    }
}
