package dev.fabric.settlement.domain;

import java.util.Objects;

/**
 * The conservation rules settlement checks on every confirmed transaction that creates or spends a
 * lease. The validators enforce them on the head; checking them again off-chain catches a wrong
 * validator, a wrong builder or a misread record, and feeds the invariant metric.
 */
public final class MoneyRules {

    private MoneyRules() {
    }

    public enum Rule {
        /** Per bid: escrow in = lease + change to the app. */
        ESCROW_SPLIT,
        /** A lease output holds exactly its price. */
        LEASE_VALUE,
        /** Per lease: claim + refund = price. */
        LEASE_PAYOUT,
        /** Per transaction and across the UTxO set: lovelace in = lovelace out (fees are zero on the head). */
        LOVELACE_CONSERVED
    }

    /** The outcome of checking one rule on one bid, lease or transaction. */
    public record Verdict(Rule rule, String subject, boolean holds, String detail) {
        public Verdict {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(detail, "detail");
        }
    }

    public static Verdict escrowSplit(String bidRef, long escrow, long lease, long change) {
        boolean holds = escrow == Math.addExact(lease, change);
        return new Verdict(Rule.ESCROW_SPLIT, bidRef, holds,
                "escrow " + escrow + (holds ? " = " : " != ") + "lease " + lease + " + change " + change);
    }

    public static Verdict leaseValue(String leaseRef, long price, long lovelace) {
        return new Verdict(Rule.LEASE_VALUE, leaseRef, price == lovelace, "lease holds " + lovelace + ", price " + price);
    }

    public static Verdict leasePayout(String leaseRef, long price, long claimed, long refunded) {
        boolean holds = price == Math.addExact(claimed, refunded);
        return new Verdict(Rule.LEASE_PAYOUT, leaseRef, holds,
                "claim " + claimed + " + refund " + refunded + (holds ? " = " : " != ") + "price " + price);
    }

    public static Verdict lovelaceConserved(String subject, java.math.BigInteger in, java.math.BigInteger out) {
        return new Verdict(Rule.LOVELACE_CONSERVED, subject, in.equals(out), "in " + in + ", out " + out);
    }
}
