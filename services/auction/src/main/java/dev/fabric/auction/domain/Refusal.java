package dev.fabric.auction.domain;

/** Why the auction refuses an offer outright (it never enters a ranking). */
public enum Refusal {
    /** No BidOpened for its bid arrived within the orphan grace. */
    BID_UNKNOWN,
    /** Its bid's auction had already closed. */
    BID_CLOSED,
    /** Its bid is in race mode, which takes Accepts, not offers. */
    WRONG_MODE
}
