package dev.fabric.reputation.topology;

import dev.fabric.reputation.domain.BidFact;
import org.apache.avro.specific.SpecificRecord;

/**
 * A bid fact with the event it was read from, kept so that a refusal can dead-letter the original.
 * Lives only between processors of one sub-topology, never serialised.
 */
record BidInput(BidFact fact, SpecificRecord event) {
}
