package dev.fabric.auction.topology;

import dev.fabric.auction.domain.AuctionState;
import dev.fabric.auction.domain.Bid;
import dev.fabric.auction.domain.Capacity;
import dev.fabric.auction.domain.Mode;
import dev.fabric.auction.domain.Offer;
import dev.fabric.auction.domain.Outcome;
import dev.fabric.auction.domain.Ranked;
import dev.fabric.auction.domain.ScoreHistory;
import dev.fabric.auction.domain.Termination;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Binary encoding of the auction's own state (stores and their changelogs). It is private to this
 * service, so it is a compact hand-written format rather than a published Avro schema; the leading
 * version byte lets a later release read what an earlier one wrote.
 */
final class StateCodec {

    private static final byte VERSION = 1;
    private static final byte AWAITING_BID = 1;
    private static final byte OPEN = 2;
    private static final byte CLOSED = 3;

    private StateCodec() {
    }

    static Serde<AuctionState> auctionStateSerde() {
        return serde(StateCodec::writeState, StateCodec::readState, "auction state");
    }

    static Serde<Offer> offerSerde() {
        return serde(StateCodec::writeOffer, StateCodec::readOffer, "offer");
    }

    static Serde<ScoreHistory> scoreHistorySerde() {
        return serde(StateCodec::writeScores, StateCodec::readScores, "score history");
    }

    // ---- states

    private static void writeState(DataOutputStream out, AuctionState state) throws IOException {
        if (state instanceof AuctionState.AwaitingBid awaiting) {
            out.writeByte(AWAITING_BID);
            out.writeUTF(awaiting.bidRef());
            writeInstant(out, awaiting.firstHeldAt());
            writeInstant(out, awaiting.dueAt());
        } else if (state instanceof AuctionState.Open open) {
            out.writeByte(OPEN);
            writeBid(out, open.bid());
            writeInstant(out, open.dueAt());
        } else {
            AuctionState.Closed closed = (AuctionState.Closed) state;
            out.writeByte(CLOSED);
            writeBid(out, closed.bid());
            out.writeUTF(closed.termination().name());
            writeInstant(out, closed.closedAt());
            out.writeUTF(closed.reason());
            out.writeInt(closed.ranking().size());
            for (Ranked line : closed.ranking()) {
                writeRanked(out, line);
            }
            writeInstant(out, closed.dueAt());
        }
    }

    private static AuctionState readState(DataInputStream in) throws IOException {
        byte kind = in.readByte();
        switch (kind) {
            case AWAITING_BID:
                return new AuctionState.AwaitingBid(in.readUTF(), readInstant(in), readInstant(in));
            case OPEN:
                return new AuctionState.Open(readBid(in), readInstant(in));
            case CLOSED:
                Bid bid = readBid(in);
                Termination termination = Termination.valueOf(in.readUTF());
                Instant closedAt = readInstant(in);
                String reason = in.readUTF();
                int lines = in.readInt();
                List<Ranked> ranking = new ArrayList<>(lines);
                for (int i = 0; i < lines; i++) {
                    ranking.add(readRanked(in));
                }
                return new AuctionState.Closed(bid, termination, closedAt, reason, ranking, readInstant(in));
            default:
                throw new IOException("unknown auction state kind " + kind);
        }
    }

    private static void writeBid(DataOutputStream out, Bid bid) throws IOException {
        out.writeUTF(bid.bidRef());
        out.writeUTF(bid.eventId());
        out.writeUTF(bid.appPkh());
        writeNullable(out, bid.arbiter());
        writeCapacity(out, bid.request());
        out.writeLong(bid.minPrice());
        out.writeLong(bid.maxPrice());
        writeMode(out, bid.mode());
        writeInstant(out, bid.openedAt());
        writeInstant(out, bid.deadline());
        out.writeInt(bid.allowedOperators().size());
        for (String operator : bid.allowedOperators()) {
            out.writeUTF(operator);
        }
    }

    private static Bid readBid(DataInputStream in) throws IOException {
        String bidRef = in.readUTF();
        String eventId = in.readUTF();
        String appPkh = in.readUTF();
        String arbiter = readNullable(in);
        Capacity request = readCapacity(in);
        long minPrice = in.readLong();
        long maxPrice = in.readLong();
        Mode mode = readMode(in);
        Instant openedAt = readInstant(in);
        Instant deadline = readInstant(in);
        int allowed = in.readInt();
        List<String> operators = new ArrayList<>(allowed);
        for (int i = 0; i < allowed; i++) {
            operators.add(in.readUTF());
        }
        return new Bid(bidRef, eventId, appPkh, arbiter, request, minPrice, maxPrice, mode, openedAt, deadline, operators);
    }

    private static void writeMode(DataOutputStream out, Mode mode) throws IOException {
        if (mode instanceof Mode.LowestPrice lowestPrice) {
            out.writeByte(1);
            out.writeLong(lowestPrice.window().toMillis());
        } else if (mode instanceof Mode.ReputationPriority priority) {
            out.writeByte(2);
            out.writeInt(priority.minScoreBps());
            out.writeLong(priority.priorityWindow().toMillis());
        } else {
            out.writeByte(0);
        }
    }

    private static Mode readMode(DataInputStream in) throws IOException {
        byte kind = in.readByte();
        switch (kind) {
            case 0:
                return new Mode.Race();
            case 1:
                return new Mode.LowestPrice(Duration.ofMillis(in.readLong()));
            case 2:
                return new Mode.ReputationPriority(in.readInt(), Duration.ofMillis(in.readLong()));
            default:
                throw new IOException("unknown mode kind " + kind);
        }
    }

    private static void writeRanked(DataOutputStream out, Ranked line) throws IOException {
        out.writeInt(line.rank());
        writeNullable(out, line.offerRef());
        out.writeUTF(line.operatorId());
        out.writeLong(line.price());
        out.writeBoolean(line.scoreBps().isPresent());
        if (line.scoreBps().isPresent()) {
            out.writeInt(line.scoreBps().getAsInt());
        }
        writeInstant(out, line.confirmedAt());
        out.writeUTF(line.outcome().name());
        out.writeUTF(line.detail());
    }

    private static Ranked readRanked(DataInputStream in) throws IOException {
        int rank = in.readInt();
        String offerRef = readNullable(in);
        String operatorId = in.readUTF();
        long price = in.readLong();
        OptionalInt score = in.readBoolean() ? OptionalInt.of(in.readInt()) : OptionalInt.empty();
        Instant confirmedAt = readInstant(in);
        Outcome outcome = Outcome.valueOf(in.readUTF());
        return new Ranked(rank, offerRef, operatorId, price, score, confirmedAt, outcome, in.readUTF());
    }

    // ---- offers

    private static void writeOffer(DataOutputStream out, Offer offer) throws IOException {
        out.writeUTF(offer.bidRef());
        out.writeUTF(offer.offerRef());
        out.writeUTF(offer.eventId());
        out.writeUTF(offer.operatorId());
        out.writeLong(offer.price());
        writeCapacity(out, offer.offered());
        writeInstant(out, offer.expiry());
        writeInstant(out, offer.confirmedAt());
        out.writeBoolean(offer.withdrawnAt() != null);
        if (offer.withdrawnAt() != null) {
            writeInstant(out, offer.withdrawnAt());
        }
    }

    private static Offer readOffer(DataInputStream in) throws IOException {
        String bidRef = in.readUTF();
        String offerRef = in.readUTF();
        String eventId = in.readUTF();
        String operatorId = in.readUTF();
        long price = in.readLong();
        Capacity offered = readCapacity(in);
        Instant expiry = readInstant(in);
        Instant confirmedAt = readInstant(in);
        Instant withdrawnAt = in.readBoolean() ? readInstant(in) : null;
        return new Offer(bidRef, offerRef, eventId, operatorId, price, offered, expiry, confirmedAt, withdrawnAt);
    }

    // ---- scores

    private static void writeScores(DataOutputStream out, ScoreHistory history) throws IOException {
        out.writeInt(history.entries().size());
        for (ScoreHistory.Entry entry : history.entries()) {
            out.writeLong(entry.validFromMillis());
            out.writeInt(entry.scoreBps());
        }
    }

    private static ScoreHistory readScores(DataInputStream in) throws IOException {
        int size = in.readInt();
        List<ScoreHistory.Entry> entries = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            entries.add(new ScoreHistory.Entry(in.readLong(), in.readInt()));
        }
        return new ScoreHistory(entries);
    }

    // ---- primitives

    private static void writeCapacity(DataOutputStream out, Capacity capacity) throws IOException {
        out.writeLong(capacity.cpuMillis());
        out.writeLong(capacity.memoryMiB());
        out.writeLong(capacity.storageGiB());
        out.writeInt(capacity.gpus());
    }

    private static Capacity readCapacity(DataInputStream in) throws IOException {
        return new Capacity(in.readLong(), in.readLong(), in.readLong(), in.readInt());
    }

    private static void writeInstant(DataOutputStream out, Instant instant) throws IOException {
        out.writeLong(instant.toEpochMilli());
    }

    private static Instant readInstant(DataInputStream in) throws IOException {
        return Instant.ofEpochMilli(in.readLong());
    }

    private static void writeNullable(DataOutputStream out, String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeUTF(value);
        }
    }

    private static String readNullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    // ---- serde plumbing

    /**
     * A stream thread's encoding buffer, reused for every value it writes: a buffer per value grew by
     * copies and was a tenth of the stream threads' allocation.
     */
    private static final class Scratch extends ByteArrayOutputStream {
        private final DataOutputStream data = new DataOutputStream(this);

        private Scratch() {
            super(1024);
        }
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    @FunctionalInterface
    private interface Writer<T> {
        void write(DataOutputStream out, T value) throws IOException;
    }

    @FunctionalInterface
    private interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private static <T> Serde<T> serde(Writer<T> writer, Reader<T> reader, String what) {
        Serializer<T> serializer = (topic, value) -> {
            if (value == null) {
                return null;
            }
            Scratch scratch = SCRATCH.get();
            scratch.reset();
            try {
                scratch.data.writeByte(VERSION);
                writer.write(scratch.data, value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return scratch.toByteArray();
        };
        Deserializer<T> deserializer = (topic, data) -> {
            if (data == null) {
                return null;
            }
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
                byte version = in.readByte();
                if (version != VERSION) {
                    throw new SerializationException("Cannot read " + what + " format version " + version);
                }
                return reader.read(in);
            } catch (IOException | RuntimeException e) {
                throw new SerializationException("Cannot read " + what + " (" + data.length + " bytes): " + e.getMessage(), e);
            }
        };
        return org.apache.kafka.common.serialization.Serdes.serdeFrom(serializer, deserializer);
    }
}
