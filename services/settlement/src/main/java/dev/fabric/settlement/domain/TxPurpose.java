package dev.fabric.settlement.domain;

/** Which of settlement's own transactions a command or an answer is about. */
public enum TxPurpose {
    AWARD,
    REFUND
}
