package dev.fabric.deployer.market;

import dev.fabric.deployer.domain.BidResponse;

/** What became of an opened bid: the decision and what happened when acting on it. */
public record BidHandled(String bidRef, BidResponse decision, Submission submission, String detail) {

    /** The result of acting on a decision. */
    public enum Submission {
        /** Declined: nothing submitted, nothing reserved. */
        DECLINED,
        /** Not answered yet: the free capacity is unknown until the inventory is reconciled; a later sweep answers it. */
        DEFERRED,
        /** Offer / Accept valid on the head; capacity held. */
        SUBMITTED,
        /** The head refused it (e.g. lost the race); capacity released. */
        REFUSED_BY_HEAD,
        /** No verdict from the head; capacity released, the bid is left to others. */
        HEAD_UNAVAILABLE,
        /** Capacity was taken between pricing and reserving; nothing submitted. */
        CAPACITY_TAKEN,
        /** No head gateway is installed: the decision is only recorded. */
        QUOTE_ONLY,
        /** The bid was already answered (a redelivered event). */
        ALREADY_ANSWERED
    }
}
