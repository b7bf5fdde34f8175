package dev.fabric.ingest.domain.head;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fabric.events.EventIds;
import dev.fabric.events.v1.hydra.HeadEvent;
import dev.fabric.hydra.api.HydraMessageCodec;
import dev.fabric.hydra.api.HydraTimestamps;
import dev.fabric.hydra.api.RawJson;
import dev.fabric.hydra.api.ServerOutput;
import dev.fabric.hydra.api.Snapshot;
import dev.fabric.hydra.api.TimedServerOutput;
import dev.fabric.hydra.api.Transaction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * Turns head outputs into {@link HeadEvent}s for {@code fabric.hydra.events}: every output, with its JSON
 * as the node sent it ({@code seq} and {@code timestamp} included), plus ingest's own alerts.
 *
 * <p>Two deliberate departures from "verbatim", both to keep a record under the broker's message size:
 * a {@code SnapshotConfirmed} lists its transactions as {@code {"txId"}} only (their CBOR is in
 * {@code fabric.l2.transactions}, one record each), and any other output whose JSON exceeds
 * {@link #MAX_RAW_CHARS} is replaced by a stub naming its size and SHA-256.
 */
public final class HeadEvents {

    /** Tag of the head events ingest itself raises (epoch boundaries, seq regressions, reconciliations). */
    public static final String ALERT_TAG = "FabricIngestAlert";
    /** Well below the broker's default 1 MiB message limit, leaving room for the record's other fields. */
    public static final int MAX_RAW_CHARS = 512 * 1024;

    private final HydraMessageCodec codec;

    public HeadEvents(HydraMessageCodec codec) {
        this.codec = codec;
    }

    /** Deterministic: the same output read again (replay, restart) gets the same id. */
    public static String eventId(String nodeId, String headId, long seq) {
        return EventIds.of("HeadEvent", nodeId, headId, seq);
    }

    public HeadEvent of(String nodeId, String headId, TimedServerOutput timed) {
        String raw = rawJson(timed);
        return HeadEvent.newBuilder()
                .setEventId(eventId(nodeId, headId, timed.seq()))
                .setCausationId(null)
                .setHeadId(headId)
                .setNodeId(nodeId)
                .setSeq(timed.seq())
                .setTag(timed.output().tag())
                .setOccurredAt(timed.timestamp())
                .setRaw(raw)
                .build();
    }

    /** The output's JSON as published: with seq and timestamp, transactions by id, large outputs stubbed. */
    public String rawJson(TimedServerOutput timed) {
        ServerOutput output = timed.output();
        String tag = output.tag();
        ObjectNode json;
        if (output instanceof ServerOutput.SnapshotConfirmed confirmed) {
            json = withoutTransactionBodies(confirmed);
        } else if (output instanceof RawJson raw) {
            json = raw.json().deepCopy();
        } else {
            json = codec.toJson(output);
        }
        json.put("seq", timed.seq());
        json.put("timestamp", HydraTimestamps.format(timed.timestamp()));
        String raw = json.toString();
        return raw.length() > MAX_RAW_CHARS ? stub(tag, raw) : raw;
    }

    /** An alert raised by ingest: {@code kind} says what happened, {@code detail} is its JSON body. */
    public static HeadEvent alert(String nodeId, String headId, long seq, Instant at, String kind, ObjectNode detail,
                                  String causationId) {
        ObjectNode body = detail.deepCopy();
        body.put("alert", kind);
        body.put("nodeId", nodeId);
        body.put("headId", headId);
        body.put("seq", seq);
        return HeadEvent.newBuilder()
                .setEventId(EventIds.of(ALERT_TAG, nodeId, headId, kind, seq))
                .setCausationId(causationId)
                .setHeadId(headId)
                .setNodeId(nodeId)
                .setSeq(seq)
                .setTag(ALERT_TAG)
                .setOccurredAt(at)
                .setRaw(body.toString())
                .build();
    }

    private ObjectNode withoutTransactionBodies(ServerOutput.SnapshotConfirmed confirmed) {
        Snapshot s = confirmed.snapshot();
        Snapshot bare = new Snapshot(s.headId(), s.version(), s.number(), List.of(), s.utxo(), s.utxoToCommit(),
                s.utxoToDecommit(), s.accumulator());
        ObjectNode json = codec.toJson(new ServerOutput.SnapshotConfirmed(confirmed.headId(), bare, confirmed.signatures()));
        ArrayNode ids = ((ObjectNode) json.get("snapshot")).putArray("confirmed");
        for (Transaction tx : s.confirmed()) {
            ids.addObject().put("txId", tx.txId());
        }
        return json;
    }

    private static String stub(String tag, String raw) {
        byte[] bytes = raw.getBytes(StandardCharsets.UTF_8);
        ObjectNode stub = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        stub.put("tag", tag);
        stub.put("elided", true);
        stub.put("reason", "output JSON of " + bytes.length + " bytes exceeds the head-event limit; read it from the node");
        stub.put("sha256", HexFormat.of().formatHex(sha256(bytes)));
        return stub.toString();
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }
}
