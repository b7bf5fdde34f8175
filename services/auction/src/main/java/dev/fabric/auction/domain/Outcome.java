package dev.fabric.auction.domain;

/**
 * Why an offer ranked where it did. The first five are the fates of eligible offers (compared with
 * the winner); the rest are the reasons an offer could not win at all.
 */
public enum Outcome {
    WON,
    OUTBID,
    TIE_LOST_REPUTATION,
    TIE_LOST_CONFIRMATION_TIME,
    TIE_LOST_OPERATOR_ID,
    LATE,
    WITHDRAWN,
    EXPIRED,
    NOT_ALLOWED,
    PRICE_OUT_OF_RANGE,
    RESOURCES_SHORT,
    LOW_REPUTATION;

    /** Whether this outcome means the offer could not win, whatever the others offered. */
    public boolean ineligible() {
        return ordinal() >= LATE.ordinal();
    }
}
