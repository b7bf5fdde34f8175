package dev.fabric.settlement.domain;

import java.util.Objects;

/**
 * What a confirmed head transaction means for one bid. Read from {@code fabric.l2.transactions}
 * (written by bid-ingest from {@code SnapshotConfirmed}), so each fact is final.
 */
public sealed interface ChainFact {

    String bidRef();

    ChainPosition at();

    /** How a Lease output came to be. */
    enum LeaseOrigin {
        RACE_ACCEPT,
        AWARD,
        UNKNOWN
    }

    /** How a Lease output was spent. */
    enum LeaseSpend {
        CLAIM,
        REFUND
    }

    /** An Accept or Award spent the bid and created its Lease as output 0. */
    record LeaseCreated(LeaseTerms lease, LeaseOrigin origin, ChainPosition at) implements ChainFact {
        public LeaseCreated {
            Objects.requireNonNull(lease, "lease");
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(at, "at");
        }

        @Override
        public String bidRef() {
            return lease.bidRef();
        }
    }

    /**
     * The Lease was spent: claimed by the operator or refunded to the app.
     *
     * @param amount lovelace the spend paid out: the lease value for a claim, the app's tagged
     *               output for a refund
     * @param early  a claim before the lease's end, co-signed by the arbiter
     */
    record LeaseSpent(LeaseTerms lease, LeaseSpend spend, long amount, boolean early, ChainPosition at) implements ChainFact {
        public LeaseSpent {
            Objects.requireNonNull(lease, "lease");
            Objects.requireNonNull(spend, "spend");
            Objects.requireNonNull(at, "at");
        }

        @Override
        public String bidRef() {
            return lease.bidRef();
        }
    }

    /** The bid was spent without creating a lease (the app cancelled it). */
    record BidClosed(String bidRef, ChainPosition at) implements ChainFact {
        public BidClosed {
            Objects.requireNonNull(bidRef, "bidRef");
            Objects.requireNonNull(at, "at");
        }
    }
}
