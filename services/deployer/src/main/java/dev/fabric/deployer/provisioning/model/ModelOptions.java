package dev.fabric.deployer.provisioning.model;

import java.time.Duration;
import java.util.Objects;

/**
 * Operator choices that shape every lease's objects.
 *
 * @param allowDnsEgress   open UDP/TCP 53 to the cluster DNS from the lease's pods. Off by default:
 *                         with every other egress denied, names only resolve to unreachable
 *                         addresses, and the resolver would be a tunnel out of the sandbox.
 * @param deployDeadline   how long a Deployment may take to become ready
 * @param jobBackoffLimit  retries of a failing Job pod before the Job fails
 * @param deployerAccount  the deployer's own ServiceAccount: what each lease namespace binds the
 *                         lease role to, so the deployer may write there and nowhere else
 */
public record ModelOptions(boolean allowDnsEgress, Duration deployDeadline, int jobBackoffLimit, ServiceAccountRef deployerAccount) {

    /** A ServiceAccount by namespace and name. */
    public record ServiceAccountRef(String namespace, String name) {
        public ServiceAccountRef {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(name, "name");
        }
    }

    public ModelOptions {
        Objects.requireNonNull(deployDeadline, "deployDeadline");
        Objects.requireNonNull(deployerAccount, "deployerAccount");
        if (deployDeadline.toSeconds() < 1) {
            throw new IllegalArgumentException("deployDeadline must be at least 1 s, got " + deployDeadline);
        }
        if (jobBackoffLimit < 0) {
            throw new IllegalArgumentException("jobBackoffLimit must be >= 0, got " + jobBackoffLimit);
        }
    }
}
