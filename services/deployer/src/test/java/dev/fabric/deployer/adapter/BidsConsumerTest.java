package dev.fabric.deployer.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fabric.deployer.domain.Capacity;
import dev.fabric.deployer.domain.CapacityLedger;
import dev.fabric.deployer.domain.UnitPricePolicy;
import dev.fabric.deployer.domain.UnitPrices;
import dev.fabric.deployer.market.BidResponder;
import dev.fabric.deployer.support.Fixtures;
import dev.fabric.deployer.support.InMemoryHeadGateway;
import dev.fabric.deployer.support.MutableClock;
import dev.fabric.events.v1.bid.BidEvent;
import dev.fabric.events.v1.common.ModeKind;
import dev.fabric.testkit.EventSamples;
import dev.fabric.topics.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class BidsConsumerTest {

    private final List<String> deadLetters = new ArrayList<>();
    private final InMemoryHeadGateway head = new InMemoryHeadGateway();
    private final CapacityLedger ledger = new CapacityLedger();
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final EventCodecs codecs = new EventCodecs(Optional.empty());
    private final BidsConsumer consumer = consumer();
    private long offset;

    private BidsConsumer consumer() {
        InboundRecords inbound = new InboundRecords();
        inbound.codecs = codecs;
        inbound.deadLetters = new DeadLetterPublisher() {
            @Override
            public void publish(ConsumerRecord<byte[], byte[]> record, String reason, Throwable error) {
                deadLetters.add(reason);
            }
        };
        BidsConsumer bids = new BidsConsumer();
        bids.inbound = inbound;
        bids.responder = new BidResponder(Fixtures.PROFILE, new UnitPricePolicy(new UnitPrices(360_000, 36_000, 3_600, 0), 0, 7000, 5000),
                ledger, () -> new Capacity(8000, 16384, 200, 0), () -> true, Optional.of(head), new MutableClock(Fixtures.T0),
                Duration.ofMinutes(2));
        bids.metrics = metrics;
        return bids;
    }

    private void deliver(String key, BidEvent event) {
        consumer.onRecord(new ConsumerRecord<>(Topics.BIDS.name(), 0, offset++,
                key == null ? null : key.getBytes(StandardCharsets.UTF_8), codecs.encode(Topics.BIDS, event)));
    }

    @Test
    void shouldSkipProgressMarksAndAnswerTheBidsAroundThem() {
        String bid = EventSamples.ref(61, 0);

        deliver(null, EventSamples.bidMark(7, 0));
        deliver(bid, EventSamples.bidEvent(bid, EventSamples.bidOpened(ModeKind.AUCTION), null, EventSamples.T0));
        deliver(null, EventSamples.bidMark(8, 0));

        assertThat(deadLetters).isEmpty();
        assertThat(head.offers()).singleElement().satisfies(o -> assertThat(o.bidRef()).isEqualTo(bid));
        assertThat(ledger.find(bid)).isPresent();
        assertThat(metrics.find("fabric.deployer.bids").counters()).singleElement()
                .satisfies(c -> assertThat(c.count()).isEqualTo(1.0));
    }

    @Test
    void shouldStillDeadLetterAKeylessBidEvent() {
        String bid = EventSamples.ref(62, 0);

        deliver(null, EventSamples.bidEvent(bid, EventSamples.bidOpened(ModeKind.AUCTION), null, EventSamples.T0));

        assertThat(deadLetters).containsExactly("record has no key (expected the bidRef)");
        assertThat(head.offers()).isEmpty();
    }
}
