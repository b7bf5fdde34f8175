package dev.fabric.ingest.domain;

import static dev.fabric.ingest.MarketFixtures.*;
import static dev.fabric.plutus.Grid.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fabric.events.v1.hydra.HeadEvent;
import dev.fabric.hydra.api.ConfirmedSnapshot;
import dev.fabric.hydra.api.HydraMessageCodec;
import dev.fabric.hydra.api.MultiSignature;
import dev.fabric.hydra.api.ServerOutput;
import dev.fabric.hydra.api.Snapshot;
import dev.fabric.hydra.api.TimedServerOutput;
import dev.fabric.hydra.api.Transaction;
import dev.fabric.hydra.api.TxIn;
import dev.fabric.hydra.api.TxOut;
import dev.fabric.hydra.api.Utxo;
import dev.fabric.hydra.api.Value;
import dev.fabric.ingest.domain.head.HeadEvents;
import dev.fabric.ingest.domain.head.SnapshotReconciliation;
import dev.fabric.ingest.domain.market.FabricAddresses;
import dev.fabric.ingest.domain.market.OpenMarketOutputs;
import dev.fabric.ingest.domain.tx.TxInRef;
import dev.fabric.plutus.tx.SignedTransaction;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Head events (what raw JSON they carry) and reconciliation (what it repairs, what it reports). */
class HeadEventsAndReconciliationTest {

    private static final String HEAD = "cd".repeat(16);
    private final HydraMessageCodec codec = new HydraMessageCodec();
    private final FabricAddresses addresses = FabricAddresses.ofBlueprint(NETWORK_ID);

    @Test
    void shouldListTheTransactionsOfASnapshotByIdOnlyAndKeepSeqAndTimestamp() throws Exception {
        SignedTransaction open = openBid(raceBid(), "head-event-1");
        Snapshot snapshot = new Snapshot(HEAD, 0, 4, List.of(Transaction.conway(open.cborHex(), open.txId())), null, null, null, null);
        TimedServerOutput timed = new TimedServerOutput(42, Instant.parse("2026-03-01T10:00:00Z"),
                new ServerOutput.SnapshotConfirmed(HEAD, snapshot, new MultiSignature(List.of("aa"))));

        HeadEvent event = new HeadEvents(codec).of("node-a", HEAD, timed);

        JsonNode raw = new ObjectMapper().readTree(event.getRaw());
        assertThat(event.getTag()).isEqualTo("SnapshotConfirmed");
        assertThat(event.getSeq()).isEqualTo(42);
        assertThat(event.getEventId()).isEqualTo(HeadEvents.eventId("node-a", HEAD, 42));
        assertThat(raw.path("seq").asLong()).isEqualTo(42);
        assertThat(raw.path("timestamp").asText()).startsWith("2026-03-01T10:00:00");
        assertThat(raw.path("snapshot").path("number").asLong()).isEqualTo(4);
        assertThat(raw.path("snapshot").path("confirmed").get(0).path("txId").asText()).isEqualTo(open.txId());
        assertThat(event.getRaw()).doesNotContain(open.cborHex());
    }

    @Test
    void shouldPassUnknownOutputsThroughWithTheirJson() {
        ObjectNode json = new ObjectMapper().createObjectNode().put("tag", "SomethingNew").put("answer", 42);
        TimedServerOutput timed = new TimedServerOutput(7, Instant.EPOCH, new ServerOutput.Unknown("SomethingNew", json));

        HeadEvent event = new HeadEvents(codec).of("node-a", HEAD, timed);

        assertThat(event.getTag()).isEqualTo("SomethingNew");
        assertThat(event.getRaw()).contains("\"answer\":42").contains("\"seq\":7");
    }

    @Test
    void shouldRecoverOpenBidsOfTheNodeUtxoAndReportWhatItCannotRecover() {
        SignedTransaction open = openBid(raceBid(), "reconcile-1");
        var bidOutput = output(open, 0);
        Map<TxIn, TxOut> outputs = new LinkedHashMap<>();
        outputs.put(new TxIn(open.txId(), 0), new TxOut(bidOutput.getAddress(),
                Value.lovelace(bidOutput.getAmount().get(0).getQuantity()), null, null, null, bidOutput.getInlineDatum(), null, null));
        outputs.put(new TxIn(open.txId(), 1), TxOut.of(APP.address(NETWORK).toBech32(), Value.lovelace(5 * ADA)));
        Snapshot latest = new Snapshot(HEAD, 0, 9, List.of(), null, null, null, null);
        OpenMarketOutputs market = new OpenMarketOutputs();
        market.add(new TxInRef("ee".repeat(32), 0), new OpenMarketOutputs.OpenBid(raceBid(), 60 * ADA));

        ObjectNode report = SnapshotReconciliation.reconcile(9, Optional.of(new ConfirmedSnapshot.Signed(latest, null)),
                Optional.of(new Utxo(outputs)), market, addresses);

        assertThat(market.contains(new TxInRef(open.txId(), 0))).isTrue();
        assertThat(market.contains(new TxInRef("ee".repeat(32), 0))).isFalse();
        assertThat(report.path("openOutputsRecovered").get(0).asText()).isEqualTo(open.txId() + "#0");
        assertThat(report.path("openOutputsDropped").get(0).asText()).isEqualTo("ee".repeat(32) + "#0");
        assertThat(report.path("nodeSnapshotNumber").asLong()).isEqualTo(9);
    }

    @Test
    void shouldNotDropIndexEntriesWhileTheStreamIsBehindTheNode() {
        OpenMarketOutputs market = new OpenMarketOutputs();
        market.add(new TxInRef("ee".repeat(32), 0), new OpenMarketOutputs.OpenBid(raceBid(), 60 * ADA));
        Snapshot ahead = new Snapshot(HEAD, 0, 12, List.of(), null, null, null, null);

        ObjectNode report = SnapshotReconciliation.reconcile(9, Optional.of(new ConfirmedSnapshot.Signed(ahead, null)),
                Optional.of(Utxo.EMPTY), market, addresses);

        assertThat(market.size()).isEqualTo(1);
        assertThat(report.path("snapshotsNotYetIngested").asLong()).isEqualTo(3);
        assertThat(report.path("dropCheck").asText()).contains("skipped");
    }
}
