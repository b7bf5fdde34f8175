package dev.fabric.deployer.domain;

/** How a bid picks its winner (DESIGN.md §3); decides whether the operator accepts or offers. */
public enum AllocationKind {
    /** First valid Accept confirmed by the head wins: the operator accepts directly. */
    RACE,
    /** Lowest price in a window wins: the operator posts an Offer. */
    AUCTION,
    /** Like AUCTION, with a window reserved to reputable operators: the operator posts an Offer. */
    REPUTATION
}
