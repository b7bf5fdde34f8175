package dev.fabric.deployer.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Where the Hydra head is and how it counts time ({@code fabric.hydra.*}, the keys the devnet's
 * test resource sets). The slot clock must be the head's: the validators see validity ranges in
 * POSIX time computed from it, so a wrong {@code system-start} makes every time-bound transaction
 * (Accept, Claim) fail or start leases at the wrong time.
 */
@ConfigMapping(prefix = "fabric.hydra")
public interface HydraConfig {

    /** hydra-node's API (HTTP; the WebSocket is on the same host and port). */
    URI httpUrl();

    /** hydra-node's WebSocket API, when it is not at {@link #httpUrl()}'s host and port. */
    Optional<URI> url();

    /** POSIX time of slot 0 of the head's ledger (the devnet's {@code --system-start}; on a real head, the L1 network's). */
    Instant systemStart();

    /** Length of a slot (1 s on the devnet and on Cardano's networks). */
    @WithDefault("1s")
    Duration slotLength();
}
