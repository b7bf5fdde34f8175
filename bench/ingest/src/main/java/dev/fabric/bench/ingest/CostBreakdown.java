package dev.fabric.bench.ingest;

import dev.fabric.events.v1.hydra.L2Transaction;
import dev.fabric.hydra.api.FrameDecoding;
import dev.fabric.hydra.api.HydraMessageCodec;
import dev.fabric.hydra.api.ServerOutput;
import dev.fabric.hydra.api.TimedServerOutput;
import dev.fabric.hydra.api.Transaction;
import dev.fabric.ingest.domain.head.HeadEvents;
import dev.fabric.ingest.domain.market.ConfirmedTxDecoder;
import dev.fabric.ingest.domain.market.FabricAddresses;
import dev.fabric.ingest.domain.market.OpenMarketOutputs;
import dev.fabric.ingest.domain.market.SnapshotPosition;
import dev.fabric.ingest.domain.tx.ConwayTxParser;
import dev.fabric.topics.Topics;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * Where ingest's CPU goes, per stage, in CPU microseconds per transaction (thread CPU time, so a busy
 * shared machine does not distort it): {@code IngestBenchmark breakdown}.
 */
final class CostBreakdown {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private CostBreakdown() {
    }

    static void run(RecordedStream stream, List<String> frames, long txs) {
        HydraMessageCodec codec = new HydraMessageCodec();
        for (int round = 0; round < 3; round++) {
            long t = cpu();
            for (String frame : frames) {
                codec.decodeFrame(frame);
            }
            report(round, "frame JSON parse (hydra-client codec)", t, txs);

            List<TimedServerOutput> outputs = frames.stream()
                    .map(f -> (TimedServerOutput) ((FrameDecoding.Decoded) codec.decodeFrame(f)).message()).toList();
            t = cpu();
            for (TimedServerOutput o : outputs) {
                for (Transaction tx : ((ServerOutput.SnapshotConfirmed) o.output()).snapshot().confirmed()) {
                    ConwayTxParser.parse(HexFormat.of().parseHex(tx.cborHex()), tx.txId());
                }
            }
            report(round, "hex + CBOR parse", t, txs);

            ConfirmedTxDecoder decoder = new ConfirmedTxDecoder(FabricAddresses.ofBlueprint(0), new OpenMarketOutputs());
            var l2Serde = Topics.L2_TRANSACTIONS.valueSerde().serializer();
            var bidSerde = Topics.BIDS.valueSerde().serializer();
            var offerSerde = Topics.OFFERS.valueSerde().serializer();
            java.util.List<ConfirmedTxDecoder.Decoded> decoded = new java.util.ArrayList<>();
            t = cpu();
            for (TimedServerOutput o : outputs) {
                SnapshotPosition at = new SnapshotPosition("n", RecordedStream.HEAD_ID, o.seq(), o.seq(), 0, o.timestamp(), "c");
                int i = 0;
                for (Transaction tx : ((ServerOutput.SnapshotConfirmed) o.output()).snapshot().confirmed()) {
                    decoded.add(decoder.decode(at, i++, tx.cborHex(), tx.txId()));
                }
            }
            report(round, "decode (hex, CBOR, datums, events, L2Transaction)", t, txs);

            t = cpu();
            for (ConfirmedTxDecoder.Decoded d : decoded) {
                L2Transaction l2 = d.transaction().orElseThrow();
                l2Serde.serialize("t", l2);
                d.bids().forEach(b -> bidSerde.serialize("t", b));
                d.offers().forEach(x -> offerSerde.serialize("t", x));
            }
            report(round, "Avro serialise", t, txs);

            HeadEvents events = new HeadEvents(codec);
            t = cpu();
            for (TimedServerOutput o : outputs) {
                events.of("n", RecordedStream.HEAD_ID, o);
            }
            report(round, "head event of each snapshot", t, txs);
        }
    }

    private static long cpu() {
        return THREADS.getCurrentThreadCpuTime();
    }

    private static void report(int round, String stage, long startCpu, long txs) {
        if (round > 0) {
            IngestBenchmark.log("round %d  %-55s %6.2f us CPU per tx", round, stage, (cpu() - startCpu) / 1000.0 / txs);
        }
    }
}
