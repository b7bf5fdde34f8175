package dev.fabric.settlement.chain;

import dev.fabric.events.v1.hydra.L2Transaction;
import dev.fabric.events.v1.hydra.TxOutput;
import dev.fabric.settlement.domain.MoneyRules;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole-ledger money check: replays confirmed transactions over the head's opening UTxO and
 * verifies that every transaction moves exactly the lovelace it spends (fees are zero on the head,
 * and settlement's transactions create no value) and that the UTxO set's total never changes. The
 * per-bid and per-lease rules of {@link ChainReader} are applied to the same transactions.
 *
 * <p>Used by the tests and the benchmark over a devnet's full history; deposits and decommits
 * (which do change the total) are not part of that history.
 */
public final class LedgerAudit {

    private final Map<String, Long> utxo = new HashMap<>();
    private final ChainReader reader;
    private final Map<String, Long> escrows = new HashMap<>();
    private final Map<String, dev.fabric.settlement.domain.LeaseTerms> leases = new HashMap<>();
    private final List<MoneyRules.Verdict> verdicts = new ArrayList<>();
    private final BigInteger opening;
    private int transactions;

    /** @param opening the head's UTxO when it opened: {@code txId#index} → lovelace */
    public LedgerAudit(Map<String, Long> opening, ChainReader reader) {
        this.utxo.putAll(opening);
        this.reader = reader;
        this.opening = total();
    }

    /** Applies one confirmed transaction (in confirmation order). */
    public void apply(L2Transaction tx) {
        BigInteger in = BigInteger.ZERO;
        for (String input : tx.getInputs()) {
            Long spent = utxo.remove(input);
            if (spent == null) {
                verdicts.add(new MoneyRules.Verdict(MoneyRules.Rule.LOVELACE_CONSERVED, tx.getTxId(), false,
                        "spends " + input + ", which is not unspent"));
                continue;
            }
            in = in.add(BigInteger.valueOf(spent));
        }
        BigInteger out = BigInteger.ZERO;
        for (TxOutput output : tx.getOutputs()) {
            utxo.put(tx.getTxId() + "#" + output.getIndex(), output.getLovelace());
            out = out.add(BigInteger.valueOf(output.getLovelace()));
        }
        verdicts.add(MoneyRules.lovelaceConserved(tx.getTxId(), in, out));
        ChainReader.Reading reading = reader.read(tx, ref -> Optional.ofNullable(escrows.get(ref)),
                ref -> Optional.ofNullable(leases.get(ref)));
        reading.escrowsClosed().forEach(escrows::remove);
        reading.leasesClosed().forEach(leases::remove);
        escrows.putAll(reading.escrowsOpened());
        leases.putAll(reading.leasesOpened());
        verdicts.addAll(reading.verdicts());
        transactions++;
    }

    public BigInteger opening() {
        return opening;
    }

    /** Lovelace held by the replayed UTxO set now. */
    public BigInteger total() {
        return utxo.values().stream().map(BigInteger::valueOf).reduce(BigInteger.ZERO, BigInteger::add);
    }

    public Map<String, Long> utxo() {
        return Map.copyOf(utxo);
    }

    public int transactions() {
        return transactions;
    }

    public List<MoneyRules.Verdict> verdicts() {
        return List.copyOf(verdicts);
    }

    public List<MoneyRules.Verdict> violations() {
        List<MoneyRules.Verdict> broken = new ArrayList<>(verdicts.stream().filter(v -> !v.holds()).toList());
        if (!total().equals(opening)) {
            broken.add(MoneyRules.lovelaceConserved("the whole UTxO set", opening, total()));
        }
        return broken;
    }

    public long checked(MoneyRules.Rule rule) {
        return verdicts.stream().filter(v -> v.rule() == rule).count();
    }
}
