package dev.fabric.settlement.domain;

import java.time.Instant;

/**
 * What settlement needs from the Hydra head, as the state machine sees it. The adapter behind it
 * reads the head's confirmed UTxO, builds with the plutus builders, evaluates, signs and submits;
 * it never throws for head trouble, it answers {@link HeadAnswer.Unavailable}.
 */
public interface Head {

    /** Builds the Award from the head's UTxO, signs it as the arbiter and submits it. */
    HeadAnswer submitAward(Decision decision, Instant now);

    /** Builds the Refund of the lease, signs it as the arbiter and submits it. */
    HeadAnswer submitRefund(LeaseTerms lease, Instant now);

    /** Submits the same bytes again. */
    HeadAnswer resubmit(PreparedTx tx);

    /** Looks the transaction up in the head's confirmed UTxO. */
    SettlementInput.Inspected inspect(TxPurpose purpose, PreparedTx tx);
}
