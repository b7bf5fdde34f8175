package dev.fabric.grid.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fabric.events.v1.common.ModeKind;
import dev.fabric.testkit.EmbeddedKafka;
import dev.fabric.testkit.EventSamples;
import dev.fabric.testkit.TopicRecords;
import dev.fabric.testkit.WithEmbeddedKafka;
import dev.fabric.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

@WithEmbeddedKafka
class MarketFeedTest {

    @Test
    void shouldLeaveProgressMarksOutOfTheMarket(EmbeddedKafka kafka) {
        String bid = EventSamples.ref(71, 0);
        int partition = Topics.BIDS.partitionOf(bid);
        // each mark twice, ahead of the bid's own events in its partition: read before them, and a
        // mark seen again must not pass for a repeated event
        TopicRecords.writeKeyless(kafka.bootstrapServers(), Topics.BIDS, partition,
                EventSamples.bidMark(1, partition), EventSamples.bidMark(1, partition), EventSamples.bidMark(2, partition));
        TopicRecords.writeKeyless(kafka.bootstrapServers(), Topics.OFFERS, partition,
                EventSamples.offerMark(1, partition), EventSamples.offerMark(1, partition));
        TopicRecords.write(kafka.bootstrapServers(), Topics.BIDS,
                Map.entry(bid, EventSamples.bidEvent(bid, EventSamples.bidOpened(ModeKind.AUCTION), null, EventSamples.T0)));
        TopicRecords.write(kafka.bootstrapServers(), Topics.OFFERS, Map.entry(bid, EventSamples.offerEvent(bid, EventSamples.ref(72, 0),
                EventSamples.offerMade(EventSamples.OPERATOR_ID, 9_000_000L), null, EventSamples.T0.plusSeconds(5))));
        MarketView view = new MarketView();
        Object lock = new Object();

        try (MarketFeed feed = new MarketFeed(kafka.bootstrapServers(), view, lock, Clock.systemUTC())) {
            feed.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                synchronized (lock) {
                    return view.snapshot(EventSamples.T0).offersTotal() == 1 && view.snapshot(EventSamples.T0).bidsOpen() == 1;
                }
            });
        }

        MarketSnapshot market = view.snapshot(EventSamples.T0);
        assertThat(market.bids()).singleElement().satisfies(b -> {
            assertThat(b.bidRef()).isEqualTo(bid);
            assertThat(b.offers()).isEqualTo(1);
        });
        assertThat(market.deadLetters()).isZero();
        assertThat(market.violations()).isEmpty();
        assertThat(view.repeats()).isEmpty();
    }
}
