package dev.fabric.plutus.eval;

import scalus.bloxbean.SlotConfig;

/**
 * How a head turns slots into POSIX time: {@code time = zeroTimeMs + (slot - zeroSlot) * slotLengthMs}.
 * The ledger hands validators the validity range in POSIX ms computed this way, so builders and the
 * evaluator must use the same timing as the head.
 *
 * <p>The Fabric devnet uses 1-second slots from a configurable zero time: {@link #devnet(long)}.
 */
public record SlotTiming(long zeroTimeMs, long zeroSlot, long slotLengthMs) {

    public SlotTiming {
        if (slotLengthMs <= 0) {
            throw new IllegalArgumentException("slotLengthMs must be > 0, got " + slotLengthMs);
        }
        if (zeroSlot < 0) {
            throw new IllegalArgumentException("zeroSlot must be >= 0, got " + zeroSlot);
        }
    }

    /** 1-second slots, slot 0 at {@code zeroTimeMs}. */
    public static SlotTiming devnet(long zeroTimeMs) {
        return new SlotTiming(zeroTimeMs, 0, 1000);
    }

    /** POSIX ms at which {@code slot} starts. */
    public long startOf(long slot) {
        return Math.addExact(zeroTimeMs, Math.multiplyExact(slot - zeroSlot, slotLengthMs));
    }

    /** Last slot starting at or before {@code posixMs}: for upper bounds ("valid before"). */
    public long slotAtOrBefore(long posixMs) {
        return zeroSlot + Math.floorDiv(posixMs - zeroTimeMs, slotLengthMs);
    }

    /** First slot starting at or after {@code posixMs}: for lower bounds ("valid from"). */
    public long slotAtOrAfter(long posixMs) {
        return zeroSlot + Math.floorDiv(posixMs - zeroTimeMs + slotLengthMs - 1, slotLengthMs);
    }

    public SlotConfig toScalus() {
        return new SlotConfig(zeroTimeMs, zeroSlot, slotLengthMs);
    }
}
