package dev.fabric.grid.view;

/** Where a bid is in its life, as the market view sees it. */
public enum BidStatus {
    OPEN,
    ACCEPTED,
    AWARDED,
    CANCELLED,
    EXPIRED;

    public boolean terminal() {
        return this != OPEN;
    }
}
