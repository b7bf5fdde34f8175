package dev.fabric.ingest.adapter.head;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;

/**
 * Prometheus meters of ingest, per head connection ({@code node} tag): lag behind the head, confirmed
 * transactions written (a counter: tx/s is its rate), dead letters, progress marks, reconnects, epoch alerts.
 */
public final class IngestMetrics {

    private final MeterRegistry registry;
    private final Clock clock;

    public IngestMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    public Head forHead(String nodeId) {
        return new Head(nodeId);
    }

    /** The meters of one head connection. */
    public final class Head {
        private final String nodeId;
        private final AtomicReference<Instant> lastSnapshot = new AtomicReference<>();
        private final Counter transactions;
        private final Counter deadLetters;
        private final Counter reconnects;
        private final Counter records;
        private final Counter marks;
        private final Counter commits;

        private Head(String nodeId) {
            this.nodeId = nodeId;
            this.transactions = Counter.builder("fabric.ingest.transactions").tag("node", nodeId)
                    .description("Confirmed L2 transactions committed to fabric.l2.transactions (rate = tx/s)")
                    .register(registry);
            this.deadLetters = Counter.builder("fabric.ingest.dead.letters").tag("node", nodeId)
                    .description("Records committed to fabric.dlq").register(registry);
            this.reconnects = Counter.builder("fabric.ingest.reconnects").tag("node", nodeId)
                    .description("WebSocket reconnects to the hydra-node").register(registry);
            this.records = Counter.builder("fabric.ingest.records").tag("node", nodeId)
                    .description("Records committed, all topics, cursor included").register(registry);
            this.marks = Counter.builder("fabric.ingest.market.progress.marks").tag("node", nodeId)
                    .description("MarketProgress marks committed to fabric.bids and fabric.offers").register(registry);
            this.commits = Counter.builder("fabric.ingest.kafka.commits").tag("node", nodeId)
                    .description("Kafka transactions committed (records / commits = how much each transaction batched)").register(registry);
            Gauge.builder("fabric.ingest.lag.seconds", lastSnapshot, lagOf())
                    .tag("node", nodeId)
                    .description("Now minus the timestamp of the last SnapshotConfirmed read (NaN before the first)")
                    .register(registry);
        }

        private ToDoubleFunction<AtomicReference<Instant>> lagOf() {
            return ref -> {
                Instant at = ref.get();
                return at == null ? Double.NaN : (clock.millis() - at.toEpochMilli()) / 1000.0;
            };
        }

        public void snapshot(Instant timestamp) {
            lastSnapshot.set(timestamp);
        }

        public void committed(int recordCount, int transactionCount, int deadLetterCount, int markCount) {
            records.increment(recordCount);
            transactions.increment(transactionCount);
            deadLetters.increment(deadLetterCount);
            marks.increment(markCount);
            commits.increment();
        }

        public void reconnected() {
            reconnects.increment();
        }

        public void alert(String kind) {
            registry.counter("fabric.ingest.head.alerts", "node", nodeId, "kind", kind).increment();
        }

        public void writerRetry() {
            registry.counter("fabric.ingest.writer.retries", "node", nodeId).increment();
        }

        public void gauge(String name, Object state, ToDoubleFunction<Object> value) {
            Gauge.builder(name, state, value).tag("node", nodeId).register(registry);
        }
    }
}
