package dev.fabric.settlement.domain;

/** How the winner of a bid was picked; only a race needs no transaction from settlement. */
public enum AwardMode {
    /** The operator's confirmed Accept already created the lease; settlement only tracks it. */
    RACE,
    /** Auction window: the arbiter signs the Award transaction. */
    AUCTION,
    /** Reputation priority: the arbiter signs the Award transaction. */
    REPUTATION;

    public boolean needsAwardTransaction() {
        return this != RACE;
    }
}
