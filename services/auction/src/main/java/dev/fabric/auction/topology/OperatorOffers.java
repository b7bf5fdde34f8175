package dev.fabric.auction.topology;

import java.util.List;

/** What an interactive query can ask of the operator index ({@link OperatorOfferIndex}). */
public interface OperatorOffers {

    /** The operator's offers, by bid then offer reference. */
    List<OperatorOfferIndex.Entry> offersOf(String operatorId);
}
