package dev.fabric.hydra.api;

import java.time.Duration;
import java.util.List;

public record HeadParameters(Duration contestationPeriod, List<Party> parties) {

    public HeadParameters {
        parties = List.copyOf(parties);
    }
}
