package dev.fabric.deployer.recovery;

import java.time.Instant;
import java.util.Set;

/**
 * Which of these bids' leases this operator reported as ended before their time (failed, refunded,
 * cancelled): a process that restarted does not remember them, and a repeated confirmation of one
 * must not provision it again.
 */
@FunctionalInterface
public interface LeasesEndedEarly {

    /**
     * @param since the earliest time such a report can have been written
     */
    Set<String> endedEarly(Set<String> bidRefs, Instant since);
}
