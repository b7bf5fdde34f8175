package dev.fabric.devnet.head;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fabric.hydra.api.HydraMessageCodec;
import dev.fabric.hydra.api.HydraTimestamps;
import dev.fabric.hydra.api.ServerOutput;
import dev.fabric.hydra.api.TimedServerOutput;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The head's append-only event log, as hydra-node keeps one: every state change gets the next
 * {@code seq}, whether it becomes a client-visible output or stays internal (a transaction received,
 * a snapshot requested or signed). That is why clients see gaps in {@code seq}.
 *
 * <p>With a data directory each event is one JSON line in {@value #FILE}, written (and flushed) before
 * it is published, so a restarted devnet rebuilds its head and continues the same {@code seq}.
 * Owned by the head's thread.
 */
public final class EventJournal implements AutoCloseable {

    public static final String FILE = "events.jsonl";
    private static final Logger LOG = Logger.getLogger(EventJournal.class);

    private final HydraMessageCodec codec;
    private final Clock clock;
    private final List<Entry> entries = new ArrayList<>();
    private final BufferedWriter writer;
    private long lastSeq = -1;

    /** One event: a server output (with its seq and time) or an internal state change. */
    public static final class Entry {
        private final long seq;
        private final Instant timestamp;
        private final ServerOutput output;
        private final String internal;
        private final String detail;
        private String json;

        Entry(long seq, Instant timestamp, ServerOutput output, String internal, String detail) {
            this.seq = seq;
            this.timestamp = timestamp;
            this.output = output;
            this.internal = internal;
            this.detail = detail;
        }

        public long seq() {
            return seq;
        }

        public Instant timestamp() {
            return timestamp;
        }

        /** The client-visible output, or null for an internal event. */
        public ServerOutput output() {
            return output;
        }

        public boolean isOutput() {
            return output != null;
        }

        /** The internal event's name, e.g. {@code TransactionReceived}; null for outputs. */
        public String internal() {
            return internal;
        }

        /** The internal event's payload (a transaction's CBOR, an id), or null. */
        public String detail() {
            return detail;
        }

        public TimedServerOutput timed() {
            return new TimedServerOutput(seq, timestamp, output);
        }

        /** The WebSocket frame for this output (as stored: a snapshot without its UTxO), encoded once. */
        public String json(HydraMessageCodec codec) {
            String text = json;
            if (text == null) {
                text = codec.encode(timed());
                json = text;
            }
            return text;
        }
    }

    private EventJournal(HydraMessageCodec codec, Clock clock, BufferedWriter writer) {
        this.codec = codec;
        this.clock = clock;
        this.writer = writer;
    }

    /** A journal kept in memory only. */
    public static EventJournal inMemory(HydraMessageCodec codec, Clock clock) {
        return new EventJournal(codec, clock, null);
    }

    /** Opens (creating if needed) the journal in {@code dataDir} and loads what it holds. */
    public static EventJournal open(Path dataDir, HydraMessageCodec codec, Clock clock) {
        try {
            Files.createDirectories(dataDir);
            Path file = dataDir.resolve(FILE);
            List<Entry> loaded = Files.exists(file) ? load(file, codec) : List.of();
            BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            EventJournal journal = new EventJournal(codec, clock, writer);
            journal.adopt(loaded);
            return journal;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the event log in " + dataDir, e);
        }
    }

    /** A new journal continuing this one's events in memory (a restart without a data directory). */
    public EventJournal reopenedInMemory() {
        EventJournal journal = new EventJournal(codec, clock, null);
        journal.adopt(entries);
        return journal;
    }

    private void adopt(List<Entry> loaded) {
        entries.addAll(loaded);
        if (!loaded.isEmpty()) {
            lastSeq = loaded.get(loaded.size() - 1).seq();
        }
    }

    private static List<Entry> load(Path file, HydraMessageCodec codec) throws IOException {
        List<Entry> loaded = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode node = codec.mapper().readTree(line);
                long seq = node.get("seq").asLong();
                Instant timestamp = HydraTimestamps.parse(node.get("timestamp").asText());
                if (node.has("output")) {
                    loaded.add(new Entry(seq, timestamp, codec.decodeServerOutput(node.get("output")), null, null));
                } else {
                    JsonNode detail = node.get("detail");
                    loaded.add(new Entry(seq, timestamp, null, node.get("internal").asText(),
                            detail == null || detail.isNull() ? null : detail.asText()));
                }
            } catch (IOException | RuntimeException e) {
                if (i == lines.size() - 1) {
                    // A crash mid-write leaves at most the last line torn; everything before it is intact.
                    LOG.warnf("ignoring a torn last line of %s: %s", file, e.getMessage());
                } else {
                    throw new IllegalStateException("line " + (i + 1) + " of " + file + " is not an event: " + e.getMessage(), e);
                }
            }
        }
        return loaded;
    }

    public Entry append(ServerOutput output) {
        return add(new Entry(++lastSeq, clock.instant(), output, null, null));
    }

    public Entry appendInternal(String name, String detail) {
        return add(new Entry(++lastSeq, clock.instant(), null, name, detail));
    }

    private Entry add(Entry entry) {
        entries.add(entry);
        if (writer != null) {
            write(entry);
        }
        return entry;
    }

    private void write(Entry entry) {
        ObjectNode line = codec.mapper().createObjectNode();
        line.put("seq", entry.seq());
        line.put("timestamp", entry.timestamp().toString());
        if (entry.isOutput()) {
            line.set("output", codec.toJson(entry.output()));
        } else {
            line.put("internal", entry.internal());
            line.put("detail", entry.detail());
        }
        try {
            writer.write(codec.write(line));
            writer.newLine();
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the event log", e);
        }
    }

    public List<Entry> entries() {
        return Collections.unmodifiableList(entries);
    }

    /** The seq of the last event, -1 when there is none. */
    public long lastSeq() {
        return lastSeq;
    }

    @Override
    public void close() {
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException e) {
                LOG.warnf("closing the event log failed: %s", e.getMessage());
            }
        }
    }
}
