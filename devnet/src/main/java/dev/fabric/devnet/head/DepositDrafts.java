package dev.fabric.devnet.head;

import com.bloxbean.cardano.client.transaction.spec.TransactionBody;
import com.bloxbean.cardano.client.transaction.spec.TransactionInput;
import com.bloxbean.cardano.client.transaction.spec.TransactionOutput;
import com.bloxbean.cardano.client.transaction.spec.TransactionWitnessSet;
import dev.fabric.devnet.ledger.LedgerOutput;
import dev.fabric.devnet.ledger.TxDecoder;
import dev.fabric.hydra.api.Transaction;
import dev.fabric.hydra.api.TxIn;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The deposit transaction {@code POST /commit} answers with. hydra-node drafts an L1 transaction
 * that locks the outputs at its deposit script; the devnet has no L1, so its draft simply spends the
 * deposited outputs into the same outputs, and the deposit counts as observed at once.
 */
final class DepositDrafts {

    private DepositDrafts() {
    }

    static Transaction draft(Map<TxIn, LedgerOutput> deposited) {
        List<TransactionInput> inputs = new ArrayList<>();
        List<TransactionOutput> outputs = new ArrayList<>();
        deposited.forEach((in, out) -> {
            inputs.add(new TransactionInput(in.txId(), Math.toIntExact(in.index())));
            outputs.add(out.output());
        });
        TransactionBody body = TransactionBody.builder().inputs(inputs).outputs(outputs).fee(BigInteger.ZERO).build();
        com.bloxbean.cardano.client.transaction.spec.Transaction tx = com.bloxbean.cardano.client.transaction.spec.Transaction
                .builder().body(body).witnessSet(new TransactionWitnessSet()).isValid(true).build();
        try {
            byte[] cbor = tx.serialize();
            return new Transaction("Unwitnessed Tx ConwayEra", "Deposit transaction (the devnet records it at once)",
                    HexFormat.of().formatHex(cbor), TxDecoder.decode(cbor).txId());
        } catch (Exception e) {
            throw new IllegalStateException("cannot draft the deposit transaction: " + e.getMessage(), e);
        }
    }
}
