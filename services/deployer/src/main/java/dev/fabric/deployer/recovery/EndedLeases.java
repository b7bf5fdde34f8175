package dev.fabric.deployer.recovery;

import java.time.Instant;
import java.util.Set;

/** Which of these bids' leases this operator reported as ended normally (delivered, so owed). */
@FunctionalInterface
public interface EndedLeases {

    /**
     * @param since the earliest time such a report can have been written
     */
    Set<String> endedNormally(Set<String> bidRefs, Instant since);
}
