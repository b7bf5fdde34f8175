package dev.fabric.grid.view;

import dev.fabric.events.MarketProgressMarks;
import dev.fabric.events.v1.award.AuctionDecision;
import dev.fabric.events.v1.bid.BidEvent;
import dev.fabric.events.v1.deployment.DeploymentEvent;
import dev.fabric.events.v1.offer.OfferEvent;
import dev.fabric.events.v1.reputation.OperatorScore;
import dev.fabric.events.v1.settlement.SettlementEvent;
import dev.fabric.topics.Topic;
import dev.fabric.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;

/**
 * Feeds a {@link MarketView} from the topics, read_committed from the beginning (no consumer
 * group: a restarted grid rebuilds its view from the history). Records it cannot decode are
 * counted as dead letters of the view, not fatal. Progress marks on fabric.bids and fabric.offers
 * are not market events: the view never sees them (not a bid, not an event, not a repeat).
 */
public final class MarketFeed implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(MarketFeed.class);
    private static final List<Topic<String, ?>> TOPICS = List.of(Topics.BIDS, Topics.OFFERS, Topics.AWARDS, Topics.SETTLEMENTS,
            Topics.DEPLOYMENTS, Topics.REPUTATION_SCORES, Topics.DLQ);

    private final MarketView view;
    private final Object lock;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<String, Function<byte[], Object>> decoders;
    private final Clock clock;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    public MarketFeed(String bootstrapServers, MarketView view, Object lock, Clock clock) {
        this.view = view;
        this.lock = lock;
        this.clock = clock;
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "fabric-grid-view");
        this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.decoders = TOPICS.stream().collect(Collectors.toMap(Topic::name, MarketFeed::decoder));
        this.thread = new Thread(this::run, "market-feed");
        this.thread.setDaemon(true);
    }

    private static Function<byte[], Object> decoder(Topic<String, ?> topic) {
        var deserializer = topic.valueSerde().deserializer();
        return bytes -> deserializer.deserialize(topic.name(), bytes);
    }

    public void start() {
        List<TopicPartition> partitions = new ArrayList<>();
        for (Topic<String, ?> topic : TOPICS) {
            for (int p = 0; p < topic.partitions(); p++) {
                partitions.add(new TopicPartition(topic.name(), p));
            }
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        thread.start();
    }

    private void run() {
        try {
            while (running.get()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(250))) {
                    apply(record);
                }
            }
        } catch (WakeupException stopping) {
            // close() woke the poll
        } catch (RuntimeException e) {
            LOG.error("Market feed stopped", e);
        } finally {
            consumer.close();
        }
    }

    private void apply(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return;
        }
        Object value;
        try {
            value = decoders.get(record.topic()).apply(record.value());
        } catch (SerializationException e) {
            synchronized (lock) {
                view.deadLetterSeen();
            }
            return;
        }
        if (value instanceof SpecificRecord decoded && MarketProgressMarks.isMark(decoded)) {
            return;
        }
        synchronized (lock) {
            if (value instanceof BidEvent e) {
                view.apply(e);
            } else if (value instanceof OfferEvent e) {
                view.apply(e, clock.instant());
            } else if (value instanceof AuctionDecision d) {
                view.apply(d);
            } else if (value instanceof SettlementEvent e) {
                view.apply(e);
            } else if (value instanceof DeploymentEvent e) {
                view.apply(e);
            } else if (value instanceof OperatorScore s) {
                view.apply(s);
            } else {
                view.deadLetterSeen();
            }
        }
    }

    @Override
    public void close() {
        running.set(false);
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
