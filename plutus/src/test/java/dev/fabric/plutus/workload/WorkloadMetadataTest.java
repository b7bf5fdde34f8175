package dev.fabric.plutus.workload;

import com.bloxbean.cardano.client.api.model.Utxo;
import com.bloxbean.cardano.client.transaction.spec.Transaction;
import dev.fabric.plutus.tx.SignedTransaction;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.fabric.plutus.Grid.*;
import static org.junit.jupiter.api.Assertions.*;

class WorkloadMetadataTest {

    @Test
    void shouldHashTheCanonicalFormWhateverTheInputOrder() {
        WorkloadSpec a = new WorkloadSpec(WorkloadSpec.Kind.Job, "img:1", List.of("run"), Map.of("B", "2", "A", "1"), List.of(80));
        WorkloadSpec b = WorkloadSpec.fromJson("{\"ports\":[80],\"kind\":\"Job\",\"env\":{\"A\":\"1\",\"B\":\"2\"},\"image\":\"img:1\",\"args\":[\"run\"]}".getBytes());
        assertEquals(a, b);
        assertEquals(a.workloadHash(), b.workloadHash());
        assertEquals("{\"args\":[\"run\"],\"command\":[],\"env\":{\"A\":\"1\",\"B\":\"2\"},\"image\":\"img:1\",\"kind\":\"Job\",\"ports\":[80],\"replicas\":1}", a.toString());
    }

    @Test
    void shouldCommitToTheEntrypointAndReplicas() {
        WorkloadSpec plain = new WorkloadSpec(WorkloadSpec.Kind.Deployment, "img:1", List.of(), Map.of(), List.of());
        WorkloadSpec scaled = new WorkloadSpec(WorkloadSpec.Kind.Deployment, "img:1", List.of("/bin/serve"), List.of(), Map.of(), List.of(), 3);

        assertEquals(scaled, WorkloadSpec.fromJson(scaled.canonicalBytes()));
        assertNotEquals(plain.workloadHash(), scaled.workloadHash());
        assertThrows(IllegalArgumentException.class,
                () -> new WorkloadSpec(WorkloadSpec.Kind.Job, "x", List.of(), List.of(), Map.of(), List.of(), 0));
        assertThrows(IllegalArgumentException.class, () -> WorkloadSpec.fromJson("{\"kind\":\"Job\",\"image\":\"x\",\"replicas\":\"many\"}".getBytes()));
    }

    @Test
    void shouldCarryALongSpecInTheBidTransaction() throws Exception {
        WorkloadSpec spec = new WorkloadSpec(WorkloadSpec.Kind.Deployment, "registry.local/ü/" + "x".repeat(150),
                List.of("--flag", "ä".repeat(40)), Map.of("KEY", "v".repeat(70)), List.of(8080, 9090));
        var bid = new dev.fabric.plutus.datum.BidDatum(APP.keyHash(), new dev.fabric.plutus.datum.Request(1, 1, 1, 0, 60,
                Optional.empty(), spec.workloadHash()), 10 * ADA, 20 * ADA, new dev.fabric.plutus.datum.Mode.Race(), at(600),
                Optional.empty(), List.of());
        SignedTransaction open = TXS.openBid(List.of(funds(APP, 100 * ADA, "workload")), bid, Optional.of(spec), APP)
                .complete(EVALUATOR);
        Transaction confirmed = Transaction.deserialize(open.cbor());
        assertEquals(spec, WorkloadMetadata.decodeVerified(confirmed, spec.workloadHash()));
        assertThrows(IllegalArgumentException.class, () -> WorkloadMetadata.decodeVerified(confirmed, "00".repeat(32)));
    }

    @Test
    void shouldRefuseASpecThatDoesNotMatchTheBid() {
        Utxo funding = funds(APP, 100 * ADA, "workload-mismatch");
        WorkloadSpec other = new WorkloadSpec(WorkloadSpec.Kind.Job, "other:1", List.of(), Map.of(), List.of());
        assertThrows(IllegalArgumentException.class,
                () -> TXS.openBid(List.of(funding), raceBid(), Optional.of(other), APP));
    }

    @Test
    void shouldRejectMalformedSpecs() {
        assertThrows(IllegalArgumentException.class, () -> WorkloadSpec.fromJson("{\"kind\":\"Pod\",\"image\":\"x\"}".getBytes()));
        assertThrows(IllegalArgumentException.class, () -> WorkloadSpec.fromJson("[]".getBytes()));
        assertThrows(IllegalArgumentException.class, () -> new WorkloadSpec(WorkloadSpec.Kind.Job, "x", null, null, List.of(0)));
    }
}
