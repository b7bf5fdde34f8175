package dev.fabric.deployer.lease;

import java.util.List;

/**
 * What a start-up reconciliation found in the cluster.
 *
 * @param unreadable namespaces labelled as ours whose lease annotations could not be read ("name: reason");
 *                   left alone, since deleting what cannot be identified is worse than reporting it
 */
public record RecoveryReport(int leases, List<String> unreadable) {

    public RecoveryReport {
        unreadable = List.copyOf(unreadable);
    }
}
