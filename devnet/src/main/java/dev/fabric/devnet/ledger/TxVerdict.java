package dev.fabric.devnet.ledger;

import dev.fabric.hydra.api.TxIn;
import java.util.List;
import java.util.Map;

/** What the ledger decided about one transaction against one UTxO set. */
public sealed interface TxVerdict {

    DecodedTx tx();

    /**
     * The transaction applies.
     *
     * @param consumed the outputs it spends (its inputs, or its collateral when {@code isValid = false})
     * @param produced the outputs it creates, keyed by {@code txId#index}
     */
    record Valid(DecodedTx tx, List<TxIn> consumed, Map<TxIn, LedgerOutput> produced) implements TxVerdict {
        public Valid {
            consumed = List.copyOf(consumed);
            produced = Map.copyOf(produced);
        }
    }

    /** The transaction does not apply; {@link #reason()} is what hydra-node puts in {@code TxInvalid}. */
    record Invalid(DecodedTx tx, List<LedgerFailure> failures) implements TxVerdict {
        public Invalid {
            failures = List.copyOf(failures);
            if (failures.isEmpty()) {
                throw new IllegalArgumentException("an invalid transaction breaks at least one rule");
            }
        }

        public String reason() {
            return LedgerFailure.render(failures);
        }

        public boolean breaks(String rule) {
            return failures.stream().anyMatch(f -> f.rule().equals(rule));
        }
    }
}
