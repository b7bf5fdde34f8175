package dev.fabric.bench.auction;

import dev.fabric.events.EventIds;
import dev.fabric.events.MarketProgressMarks;
import dev.fabric.events.v1.bid.BidCancelled;
import dev.fabric.events.v1.bid.BidEvent;
import dev.fabric.events.v1.bid.BidOpened;
import dev.fabric.events.v1.common.AllocationMode;
import dev.fabric.events.v1.common.ChainRef;
import dev.fabric.events.v1.common.ModeKind;
import dev.fabric.events.v1.common.ResourceRequest;
import dev.fabric.events.v1.common.Resources;
import dev.fabric.events.v1.offer.OfferEvent;
import dev.fabric.events.v1.offer.OfferMade;
import dev.fabric.events.v1.offer.OfferWithdrawn;
import dev.fabric.events.v1.reputation.OperatorScore;
import dev.fabric.topics.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes a market the way bid-ingest would: bids and offers keyed by bidRef, in event-time order,
 * record timestamp = confirmation time. All bids are auction-window bids every offer of which is
 * eligible, so every bid must end in exactly one decision.
 */
final class MarketWriter implements AutoCloseable {

    static final int OPERATORS = 200;
    private static final String HEAD = "4a".repeat(28);
    private static final String APP = "a1".repeat(28);
    private static final ResourceRequest REQUEST = ResourceRequest.newBuilder().setCpuMillis(2000).setMemoryMiB(4096).setStorageGiB(20)
            .setGpus(0).setDurationSeconds(3600).setRegion(null).setWorkloadHash("5c".repeat(32)).build();
    private static final Resources OFFERED = Resources.newBuilder().setCpuMillis(4000).setMemoryMiB(8192).setStorageGiB(50).setGpus(0).build();

    private final KafkaProducer<String, byte[]> producer;
    private final Serializer<BidEvent> bids = Topics.BIDS.valueSerde().serializer();
    private final Serializer<OfferEvent> offers = Topics.OFFERS.valueSerde().serializer();
    private final Random random = new Random(20261128);
    /** Per input and partition, the event time (epoch ms) of the last record written there. */
    private final long[] lastBidWrite = new long[Topics.BID_PARTITIONS];
    private final long[] lastOfferWrite = new long[Topics.BID_PARTITIONS];
    private long seq;
    private long marks;
    private long lastSnapshotMs = Long.MIN_VALUE;

    MarketWriter(String bootstrap) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 131_072);
        producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    static String bidRef(int n) {
        return String.format("%064x#0", n);
    }

    static String offerRef(int bid, int k) {
        return String.format("%063x%x#1", bid, k);
    }

    static String operator(int n) {
        return String.format("%056x", n + 1);
    }

    void writeScores(int operators, Instant at) {
        for (int n = 0; n < operators; n++) {
            String id = operator(n);
            OperatorScore score = OperatorScore.newBuilder().setEventId(EventIds.of("OperatorScore", id, at)).setOperatorId(id).setOccurredAt(at)
                    .setScoreBps(3000 + random.nextInt(7000)).setLowerBound(0.5).setMean(0.8).setSuccessWeight(10).setFailureWeight(1)
                    .setSuccesses(10).setFailures(1).setAttestations(0).setHalfLifeMs(2_592_000_000L).build();
            producer.send(new ProducerRecord<>(Topics.REPUTATION_SCORES.name(), null, at.toEpochMilli(), id,
                    Topics.REPUTATION_SCORES.valueSerde().serializer().serialize(Topics.REPUTATION_SCORES.name(), score)));
        }
        producer.flush();
    }

    /**
     * The backlog: bid i confirmed at {@code base + 10 ms * i}, its offers spread over the first
     * {@code windowMs - 600} ms of its window, and bid-ingest's progress marks as a head confirming a
     * snapshot every {@code snapshotMs} would leave them ({@link #markSilentPartitions}); then one
     * event per partition a minute after the last, the traffic that moves event time past the last
     * windows (a live head keeps confirming).
     *
     * @return records written
     */
    long writeBacklog(int bidCount, int offersPerBid, long windowMs, Instant base, long snapshotMs, long markIntervalMs) {
        PriorityQueue<PendingOffer> pending = new PriorityQueue<>();
        long spacing = Math.max(1, (windowMs - 600) / offersPerBid);
        long written = 0;
        Instant last = base;
        Instant nextSnapshot = base.plusMillis(snapshotMs);
        for (int i = 0; i < bidCount; i++) {
            Instant opened = base.plusMillis(10L * i);
            while (!pending.isEmpty() && pending.peek().at().isBefore(opened)) {
                written += marksUpTo(pending.peek().at(), nextSnapshot, snapshotMs, markIntervalMs);
                nextSnapshot = after(pending.peek().at(), nextSnapshot, snapshotMs);
                sendOffer(pending.poll());
                written++;
            }
            written += marksUpTo(opened, nextSnapshot, snapshotMs, markIntervalMs);
            nextSnapshot = after(opened, nextSnapshot, snapshotMs);
            sendBid(i, opened, windowMs);
            written++;
            for (int k = 0; k < offersPerBid; k++) {
                pending.add(new PendingOffer(opened.plusMillis(100 + spacing * k), i, k, opened));
            }
            last = opened;
        }
        while (!pending.isEmpty()) {
            PendingOffer offer = pending.poll();
            written += marksUpTo(offer.at(), nextSnapshot, snapshotMs, markIntervalMs);
            nextSnapshot = after(offer.at(), nextSnapshot, snapshotMs);
            sendOffer(offer);
            last = offer.at();
            written++;
        }
        written += heartbeat(last.plusSeconds(60));
        producer.flush();
        return written;
    }

    /** The marks of every snapshot boundary from {@code next} up to {@code until}. */
    private long marksUpTo(Instant until, Instant next, long snapshotMs, long markIntervalMs) {
        long written = 0;
        for (Instant boundary = next; !boundary.isAfter(until); boundary = boundary.plusMillis(snapshotMs)) {
            written += markSilentPartitions(boundary, markIntervalMs);
        }
        return written;
    }

    private static Instant after(Instant until, Instant next, long snapshotMs) {
        Instant boundary = next;
        while (!boundary.isAfter(until)) {
            boundary = boundary.plusMillis(snapshotMs);
        }
        return boundary;
    }

    /** An offer due at {@code at} for bid {@code bid}, opened at {@code opened}. */
    record PendingOffer(Instant at, int bid, int k, Instant opened) implements Comparable<PendingOffer> {
        @Override
        public int compareTo(PendingOffer other) {
            int c = at.compareTo(other.at);
            return c != 0 ? c : Integer.compare(bid * 64 + k, other.bid * 64 + other.k);
        }
    }

    void sendBid(int n, Instant at, long windowMs) {
        String bidRef = bidRef(n);
        BidOpened opened = BidOpened.newBuilder().setAppPkh(APP).setRequest(REQUEST).setMinPrice(1_000_000L).setMaxPrice(50_000_000L)
                .setMode(AllocationMode.newBuilder().setKind(ModeKind.AUCTION).setWindowMs(windowMs).build())
                .setDeadline(at.plusSeconds(3600)).setArbiter(null).setAllowedOperators(List.of()).setEscrowLovelace(52_000_000L)
                .setWorkload(null).build();
        BidEvent event = BidEvent.newBuilder().setEventId(EventIds.of("BidOpened", HEAD, bidRef)).setCausationId(null).setBidRef(bidRef)
                .setOccurredAt(at).setChain(chain()).setPayload(opened).build();
        producer.send(new ProducerRecord<>(Topics.BIDS.name(), null, at.toEpochMilli(), bidRef, bids.serialize(Topics.BIDS.name(), event)));
        lastBidWrite[Topics.BIDS.partitionOf(bidRef)] = at.toEpochMilli();
    }

    void sendOffer(PendingOffer pending) {
        sendOffer(pending.bid(), pending.k(), pending.at(), pending.opened());
    }

    void sendOffer(int bid, int k, Instant at, Instant opened) {
        String bidRef = bidRef(bid);
        String offerRef = offerRef(bid, k);
        OfferMade made = OfferMade.newBuilder().setOperatorId(operator(random.nextInt(OPERATORS)))
                .setPrice(2_000_000L + random.nextInt(28_000) * 1_000L).setOffered(OFFERED).setExpiry(opened.plusSeconds(3600)).build();
        OfferEvent event = OfferEvent.newBuilder().setEventId(EventIds.of("OfferMade", HEAD, offerRef)).setCausationId(null).setBidRef(bidRef)
                .setOfferRef(offerRef).setOccurredAt(at).setChain(chain()).setPayload(made).build();
        producer.send(new ProducerRecord<>(Topics.OFFERS.name(), null, at.toEpochMilli(), bidRef, offers.serialize(Topics.OFFERS.name(), event)));
        lastOfferWrite[Topics.OFFERS.partitionOf(bidRef)] = at.toEpochMilli();
    }

    /**
     * What bid-ingest writes after a snapshot confirmed at {@code at}: a progress mark into every
     * partition of either input that this snapshot (the records since the previous call) left without
     * a record and that has had none for at least {@code intervalMs} ({@code fabric.ingest.market-progress-interval}).
     *
     * @return marks written
     */
    int markSilentPartitions(Instant at, long intervalMs) {
        long ms = at.toEpochMilli();
        long snapshot = ms / 10;
        int written = 0;
        long previous = lastSnapshotMs;
        lastSnapshotMs = ms;
        for (int p = 0; p < Topics.BID_PARTITIONS; p++) {
            if (lastBidWrite[p] <= previous && ms - lastBidWrite[p] >= intervalMs) {
                producer.send(new ProducerRecord<>(Topics.BIDS.name(), p, ms, null,
                        bids.serialize(Topics.BIDS.name(), MarketProgressMarks.bidMark(HEAD, snapshot, p, at, null))));
                lastBidWrite[p] = ms;
                written++;
            }
            if (lastOfferWrite[p] <= previous && ms - lastOfferWrite[p] >= intervalMs) {
                producer.send(new ProducerRecord<>(Topics.OFFERS.name(), p, ms, null,
                        offers.serialize(Topics.OFFERS.name(), MarketProgressMarks.offerMark(HEAD, snapshot, p, at, null))));
                lastOfferWrite[p] = ms;
                written++;
            }
        }
        marks += written;
        return written;
    }

    /** Progress marks written so far. */
    long marks() {
        return marks;
    }

    /**
     * One event concerning no auction on every partition of both inputs (a cancel of a bid never
     * opened, a withdrawal of an offer never made): what other traffic on a live head does to event time.
     *
     * @return records written
     */
    int heartbeat(Instant at) {
        List<String> keys = partitionKeys();
        for (String key : keys) {
            BidEvent cancel = BidEvent.newBuilder().setEventId(EventIds.of("BidCancelled", key, at)).setCausationId(null).setBidRef(key)
                    .setOccurredAt(at).setChain(null).setPayload(BidCancelled.newBuilder().setRefundedLovelace(0).build()).build();
            producer.send(new ProducerRecord<>(Topics.BIDS.name(), null, at.toEpochMilli(), key, bids.serialize(Topics.BIDS.name(), cancel)));
            OfferEvent withdrawal = OfferEvent.newBuilder().setEventId(EventIds.of("OfferWithdrawn", key, at)).setCausationId(null)
                    .setBidRef(key).setOfferRef(key).setOccurredAt(at).setChain(null)
                    .setPayload(OfferWithdrawn.newBuilder().setOperatorId(operator(0)).build()).build();
            producer.send(new ProducerRecord<>(Topics.OFFERS.name(), null, at.toEpochMilli(), key,
                    offers.serialize(Topics.OFFERS.name(), withdrawal)));
        }
        return keys.size() * 2;
    }

    void flush() {
        producer.flush();
    }

    /** A bidRef that the default partitioner sends to each partition, never opened as a bid. */
    private static List<String> partitionKeys() {
        List<String> keys = new ArrayList<>();
        for (int p = 0; p < Topics.BID_PARTITIONS; p++) {
            for (int n = 900_000_000; ; n++) {
                String key = bidRef(n);
                if (Topics.BIDS.partitionOf(key) == p) {
                    keys.add(key);
                    break;
                }
            }
        }
        return keys;
    }

    private ChainRef chain() {
        seq++;
        return ChainRef.newBuilder().setHeadId(HEAD).setTxId(String.format("%064x", seq)).setSnapshotNumber(seq / 50).setSeq(seq).build();
    }

    @Override
    public void close() {
        producer.close();
    }
}
