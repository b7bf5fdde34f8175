package dev.fabric.settlement.domain;

import java.time.Instant;
import java.util.Objects;

/** A deployment event of the winning operator, reduced to what settlement acts on. */
public record DeploymentSignal(String bidRef, String eventId, String operatorId, Status status, String detail, Instant at) {

    public enum Status {
        PROVISIONING,
        RUNNING,
        FAILED,
        TERMINATED
    }

    public DeploymentSignal {
        Objects.requireNonNull(bidRef, "bidRef");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(operatorId, "operatorId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(at, "at");
        detail = detail == null ? "" : detail;
    }
}
