package dev.fabric.auction.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fabric.events.v1.award.AuctionDecision;
import dev.fabric.events.v1.bid.BidEvent;
import dev.fabric.events.v1.bid.BidOpened;
import dev.fabric.events.v1.common.AllocationMode;
import dev.fabric.events.v1.common.ModeKind;
import dev.fabric.events.v1.offer.OfferEvent;
import dev.fabric.events.v1.offer.OfferMade;
import dev.fabric.testkit.EmbeddedKafka;
import dev.fabric.testkit.EventSamples;
import dev.fabric.testkit.StreamsStateDir;
import dev.fabric.testkit.WithEmbeddedKafka;
import dev.fabric.topics.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Kills the auction with SIGKILL while auctions are open and a transaction is in flight, restarts it
 * on the same state directory, and checks with a read_committed reader that every bid got exactly one
 * decision, the right one: nothing lost, nothing duplicated.
 */
@WithEmbeddedKafka
class AuctionRestartTest {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(AuctionRestartTest.class);
    private static final int BIDS = 200;
    private static final int OFFERS_PER_BID = 4;
    private static final String BUSY_BID = EventSamples.ref(90_000, 0);

    @Test
    void shouldDecideEveryBidExactlyOnceAcrossAKillAndARestart(EmbeddedKafka kafka, StreamsStateDir stateDir) throws Exception {
        Path logs = Files.createDirectories(Path.of("target", "auction-restart"));
        Process first = launch(kafka, stateDir, logs, "first");
        Map<String, Long> expectedPrice = new HashMap<>();
        ScheduledExecutorService market = Executors.newSingleThreadScheduledExecutor();
        try (KafkaProducer<String, byte[]> producer = producer(kafka); DecisionReader decisions = new DecisionReader(kafka)) {
            Instant start = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.MILLIS);
            schedule(market, producer, start, expectedPrice);

            Awaitility.await("some decisions before the kill").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                    .until(() -> decisions.poll().size() >= 40);
            first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            int decidedBeforeKill = decisions.poll().size();
            assertThat(decidedBeforeKill).as("killed mid-auction").isLessThan(expectedPrice.size());

            Process second = launch(kafka, stateDir, logs, "second");
            try {
                Awaitility.await("every bid decided after the restart").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                        .until(() -> decisions.poll().size() >= expectedPrice.size());
                LOG.infof("decided before the kill: %d, after the restart: %d", decidedBeforeKill, decisions.poll().size());
                // Anything duplicated would show up now, after the last decision.
                Awaitility.await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> decisions.poll() != null);
                List<AuctionDecision> all = decisions.poll();
                Map<String, Long> perBid = all.stream().collect(Collectors.groupingBy(AuctionDecision::getBidRef, Collectors.counting()));
                assertThat(perBid).as("exactly one decision per bid").hasSize(expectedPrice.size()).allSatisfy((bid, n) -> assertThat(n).isOne());
                assertThat(all.stream().collect(Collectors.toMap(AuctionDecision::getBidRef, AuctionDecision::getPrice)))
                        .as("the lowest offer won every auction").isEqualTo(expectedPrice);
            } finally {
                second.destroy();
                second.waitFor(30, TimeUnit.SECONDS);
            }
        } finally {
            market.shutdownNow();
            first.destroyForcibly();
        }
    }

    /**
     * 200 bids open 30 ms apart, each with a 1.5-2.7 s window and four offers well inside it; one busy
     * bid takes an offer every 20 ms throughout, so a transaction is always in flight when the kill comes.
     */
    private static void schedule(ScheduledExecutorService market, KafkaProducer<String, byte[]> producer, Instant start,
                                 Map<String, Long> expectedPrice) {
        List<Scheduled> sends = new ArrayList<>();
        sends.add(bid(BUSY_BID, start, 12_000));
        long busyBest = Long.MAX_VALUE;
        for (int n = 0; n < 500; n++) {
            long price = 9_000_000L - (n * 7919L % 1000) * 1000;
            busyBest = Math.min(busyBest, price);
            sends.add(offer(BUSY_BID, EventSamples.ref(91_000 + n, 0), price, start.plusMillis(20L * n + 5)));
        }
        expectedPrice.put(BUSY_BID, busyBest);
        for (int b = 0; b < BIDS; b++) {
            String bidRef = EventSamples.ref(b + 1, 0);
            Instant opened = start.plusMillis(30L * b);
            sends.add(bid(bidRef, opened, 1500 + (b % 5) * 300));
            for (int o = 0; o < OFFERS_PER_BID; o++) {
                long price = 9_000_000L - o * 100_000L - (b % 7) * 1000L;
                sends.add(offer(bidRef, EventSamples.ref(100_000 + b * 10 + o, 0), price, opened.plusMillis(100L * (o + 1))));
            }
            expectedPrice.put(bidRef, 9_000_000L - (OFFERS_PER_BID - 1) * 100_000L - (b % 7) * 1000L);
        }
        // In event-time order, as ingest writes the head's confirmations: sends already due run in submission order.
        sends.sort(java.util.Comparator.comparing(Scheduled::at));
        Instant now = Instant.now();
        for (Scheduled send : sends) {
            market.schedule(() -> producer.send(send.record()), Math.max(0, Duration.between(now, send.at()).toMillis()), TimeUnit.MILLISECONDS);
        }
    }

    private record Scheduled(Instant at, ProducerRecord<String, byte[]> record) {
    }

    private static Scheduled bid(String bidRef, Instant at, long windowMs) {
        BidOpened opened = BidOpened.newBuilder(EventSamples.bidOpened(ModeKind.AUCTION))
                .setMode(AllocationMode.newBuilder().setKind(ModeKind.AUCTION).setWindowMs(windowMs).build())
                .setDeadline(at.plusSeconds(600)).build();
        BidEvent event = EventSamples.bidEvent(bidRef, opened, null, at);
        return new Scheduled(at, new ProducerRecord<>(Topics.BIDS.name(), null, at.toEpochMilli(), bidRef,
                Topics.BIDS.valueSerde().serializer().serialize(Topics.BIDS.name(), event)));
    }

    private static Scheduled offer(String bidRef, String offerRef, long price, Instant at) {
        OfferMade made = OfferMade.newBuilder(EventSamples.offerMade("0c".repeat(28), price)).setExpiry(at.plusSeconds(3600)).build();
        OfferEvent event = EventSamples.offerEvent(bidRef, offerRef, made, null, at);
        return new Scheduled(at, new ProducerRecord<>(Topics.OFFERS.name(), null, at.toEpochMilli(), bidRef,
                Topics.OFFERS.valueSerde().serializer().serialize(Topics.OFFERS.name(), event)));
    }

    private static KafkaProducer<String, byte[]> producer(EmbeddedKafka kafka) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    private static Process launch(EmbeddedKafka kafka, StreamsStateDir stateDir, Path logs, String name) throws IOException {
        Path ready = logs.resolve(name + ".ready");
        Files.deleteIfExists(ready);
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Process process = new ProcessBuilder(java, "-Xmx384m", "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=dev.fabric",
                "-Dorg.jboss.logging.provider=jdk",
                "-cp", System.getProperty("java.class.path"), AuctionStreamsProcess.class.getName(),
                kafka.bootstrapServers(), stateDir.path().toString(), ready.toString())
                .redirectErrorStream(true).redirectOutput(logs.resolve(name + ".log").toFile()).start();
        Awaitility.await(name + " auction process running").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> Files.exists(ready) || !process.isAlive());
        assertThat(process.isAlive()).as(name + " process alive (see " + logs.resolve(name + ".log") + ")").isTrue();
        return process;
    }

    /** Accumulates the committed decisions of fabric.awards (read_committed, from the beginning). */
    private static final class DecisionReader implements AutoCloseable {

        private final KafkaConsumer<String, AuctionDecision> consumer;
        private final List<AuctionDecision> seen = new ArrayList<>();

        DecisionReader(EmbeddedKafka kafka) {
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            consumer = new KafkaConsumer<>(props, Topics.AWARDS.keySerde().deserializer(), Topics.AWARDS.valueSerde().deserializer());
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.AWARDS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }

        /** Everything committed so far. */
        List<AuctionDecision> poll() {
            consumer.poll(Duration.ofMillis(100)).forEach(record -> seen.add(record.value()));
            return List.copyOf(seen);
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
