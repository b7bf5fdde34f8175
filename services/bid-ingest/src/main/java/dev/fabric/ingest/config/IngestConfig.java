package dev.fabric.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Ingest settings ({@code fabric.ingest.*}). Checked at start by {@link IngestSettings#validate}, so a
 * bad list of heads fails the service with a clear message instead of misbehaving later.
 */
@ConfigMapping(prefix = "fabric.ingest")
public interface IngestConfig {

    /** The hydra-node connections to read; each name is a cursor key and part of a transactional id. */
    List<Head> heads();

    /** Address network nibble of the Fabric script addresses: 0 for test networks, 1 for mainnet. */
    @WithName("network-id")
    int networkId();

    /** Apicurio Registry core API URL; empty writes registry-free single-object Avro. */
    @WithName("registry-url")
    Optional<String> registryUrl();

    /**
     * Snapshot time a {@code fabric.bids} / {@code fabric.offers} partition may go without a record before
     * a snapshot writes a progress mark to it (DESIGN.md "Progress marks"); 0 marks every partition a
     * snapshot leaves silent. Same default as {@code ProgressMarking.DEFAULT_INTERVAL}.
     */
    @WithName("market-progress-interval")
    @WithDefault("10ms")
    Duration marketProgressInterval();

    Producer producer();

    Transactions transactions();

    Reconnect reconnect();

    interface Head {
        String name();

        /** The node's WebSocket API, e.g. {@code ws://hydra-0:4001}. */
        @WithName("ws-url")
        URI wsUrl();

        /** The node's HTTP API (same port by default), for {@code GET /snapshot}. */
        @WithName("http-url")
        Optional<URI> httpUrl();
    }

    interface Producer {
        /**
         * Costs no latency: every commit flushes. Within a transaction it lets the bid and offer
         * partitions (six each) fill real batches instead of a few records each.
         */
        @WithDefault("100ms")
        Duration linger();

        @WithName("batch-size")
        @WithDefault("262144")
        int batchSize();

        /**
         * lz4: a third of the bytes on the broker for these records (hex ids, addresses, datums), and
         * with it about 40 % less broker CPU per transaction, for ~1 µs more in the writer (bench/ingest).
         */
        @WithDefault("lz4")
        String compression();

        @WithName("transaction-timeout")
        @WithDefault("60s")
        Duration transactionTimeout();
    }

    interface Transactions {
        /** Upper bound of records in one Kafka transaction when works are queued (a backlog). */
        @WithName("max-records")
        @WithDefault("20000")
        int maxRecords();

        /** Upper bound of time spent filling one transaction from the queue. */
        @WithName("max-time")
        @WithDefault("250ms")
        Duration maxTime();

        /**
         * Works (head outputs, their records already serialised) buffered between the connection and the
         * writer: enough to keep the reader busy while the writer waits for a commit, which takes all that
         * is queued into the next transaction. 128 snapshots of 100 transactions hold about 22 MB.
         */
        @WithName("queue-capacity")
        @WithDefault("128")
        int queueCapacity();

        @WithName("retry-backoff")
        @WithDefault("1s")
        Duration retryBackoff();

        /**
         * After this long without a commit (no head output), the writer commits the unchanged cursor: an
         * instance whose transactional id another took over learns it (FENCED, not ready) without waiting
         * for the head's next output. {@code 0} turns it off.
         */
        @WithName("idle-commit")
        @WithDefault("30s")
        Duration idleCommit();
    }

    interface Reconnect {
        @WithDefault("250ms")
        Duration initial();

        @WithDefault("30s")
        Duration max();
    }
}
