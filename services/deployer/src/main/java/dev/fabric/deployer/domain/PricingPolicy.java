package dev.fabric.deployer.domain;

/**
 * Decides the price an operator asks for a bid. Implementations are pure: the same bid and
 * inventory always give the same quote. Whatever they compute, {@link BidDecision} only offers
 * prices inside the bid's range; a policy declines when it cannot price inside it.
 */
public interface PricingPolicy {

    Quote quote(BidTerms bid, InventorySnapshot inventory);

    /** A price, or why there is none. */
    sealed interface Quote {
        /**
         * @param lovelace the asking price
         * @param detail   how it was reached (for logs and the offer audit trail)
         */
        record Priced(long lovelace, String detail) implements Quote {
            public Priced {
                if (lovelace < 0) {
                    throw new IllegalArgumentException("price must not be negative, got " + lovelace);
                }
            }
        }

        record Declined(String reason) implements Quote {
        }
    }
}
