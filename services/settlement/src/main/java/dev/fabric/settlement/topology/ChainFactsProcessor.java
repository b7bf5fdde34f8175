package dev.fabric.settlement.topology;

import dev.fabric.events.v1.hydra.L2Transaction;
import dev.fabric.settlement.chain.ChainReader;
import dev.fabric.settlement.domain.ChainFact;
import dev.fabric.settlement.domain.LeaseTerms;
import dev.fabric.settlement.domain.MoneyRules;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jboss.logging.Logger;

/**
 * Reads each confirmed head transaction (keyed by head) into bid-keyed chain facts, keeping the
 * head's open escrows and leases so a later spend can be tied back to its bid. One head lives in
 * one partition, so the creation of a lease is always read before its spend.
 */
final class ChainFactsProcessor implements Processor<String, L2Transaction, String, ChainFact> {

    private static final Logger LOG = Logger.getLogger(ChainFactsProcessor.class);

    private final ChainReader reader;
    private final SettlementMetrics metrics;
    private ProcessorContext<String, ChainFact> context;
    private KeyValueStore<String, Long> escrows;
    private KeyValueStore<String, LeaseTerms> leases;

    ChainFactsProcessor(ChainReader reader, SettlementMetrics metrics) {
        this.reader = reader;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, ChainFact> context) {
        this.context = context;
        this.escrows = context.getStateStore(SettlementStores.ESCROWS);
        this.leases = context.getStateStore(SettlementStores.LEASES);
    }

    @Override
    public void process(Record<String, L2Transaction> record) {
        L2Transaction tx = record.value();
        ChainReader.Reading reading = reader.read(tx, ref -> Optional.ofNullable(escrows.get(ref)),
                ref -> Optional.ofNullable(leases.get(ref)));
        reading.escrowsClosed().forEach(escrows::delete);
        reading.leasesClosed().forEach(leases::delete);
        reading.escrowsOpened().forEach(escrows::put);
        reading.leasesOpened().forEach(leases::put);
        for (MoneyRules.Verdict verdict : reading.verdicts()) {
            metrics.checked(verdict);
            if (!verdict.holds()) {
                LOG.errorf("money rule %s broken by %s (snapshot %d) for %s: %s", verdict.rule(), tx.getTxId(),
                        tx.getSnapshotNumber(), verdict.subject(), verdict.detail());
            }
        }
        for (ChainFact fact : reading.facts()) {
            context.forward(new Record<>(fact.bidRef(), fact, record.timestamp()));
        }
    }
}
