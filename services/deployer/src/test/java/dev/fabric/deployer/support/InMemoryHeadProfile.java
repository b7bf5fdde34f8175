package dev.fabric.deployer.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Set;

/** Runs the service with {@link InMemoryHeadGateway} instead of a hydra-node: no head, every transaction valid unless scripted. */
public class InMemoryHeadProfile implements QuarkusTestProfile {

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(InMemoryHeadGateway.class);
    }
}
