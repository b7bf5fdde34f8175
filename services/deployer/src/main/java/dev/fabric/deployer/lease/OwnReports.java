package dev.fabric.deployer.lease;

import java.time.Instant;
import java.util.Set;

/**
 * What this operator already reported on {@code fabric.deployments} about some bids, read when a
 * restarted process finds their leases in the cluster. The lifecycle reports an outcome before it
 * records it in the cluster (a report must not be lost), so a process killed in between finds a lease
 * whose recorded phase is behind its reports; this tells it not to report the same outcome twice.
 */
@FunctionalInterface
public interface OwnReports {

    /**
     * @param running    bids whose lease this operator reported {@code Running}
     * @param endedEarly bids whose lease it reported {@code Failed} (or ended for any reason but its end)
     */
    record Found(Set<String> running, Set<String> endedEarly) {
        public Found {
            running = Set.copyOf(running);
            endedEarly = Set.copyOf(endedEarly);
        }
    }

    /**
     * @param since the earliest time such a report can have been written
     * @throws RuntimeException when the topic cannot be read (recovery is retried)
     */
    Found find(Set<String> bidRefs, Instant since);
}
