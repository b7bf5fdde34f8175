package dev.fabric.auction.domain;

/** How an auction ended. */
public enum Termination {
    /** The auction decided a winner (or recorded the head's race winner). */
    AWARDED,
    /** Nobody could win by the deadline (or, in an auction window, by the close). */
    EXPIRED,
    /** The application cancelled the bid. */
    CANCELLED,
    /** The bid was spent on the head without a decision of this auction (e.g. the app awarded it directly). */
    SPENT_ON_HEAD
}
