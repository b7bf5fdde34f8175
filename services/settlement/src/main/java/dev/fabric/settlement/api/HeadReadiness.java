package dev.fabric.settlement.api;

import dev.fabric.settlement.adapter.ArbiterWallet;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the arbiter can build on the head (collateral and reference scripts in place). */
@Readiness
@ApplicationScoped
public class HeadReadiness implements HealthCheck {

    @Inject
    ArbiterWallet wallet;

    @Override
    public HealthCheckResponse call() {
        return wallet.notReadyBecause()
                .map(reason -> HealthCheckResponse.named("settlement-head").down().withData("reason", reason)
                        .withData("arbiter", wallet.arbiter().keyHash().hex()).build())
                .orElseGet(() -> HealthCheckResponse.named("settlement-head").up()
                        .withData("arbiter", wallet.arbiter().keyHash().hex()).build());
    }
}
