package dev.fabric.settlement.it;

import static dev.fabric.settlement.fixture.DevnetMarket.ADA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.bloxbean.cardano.client.api.model.Utxo;
import dev.fabric.events.v1.award.AuctionDecision;
import dev.fabric.events.v1.deployment.DeploymentEvent;
import dev.fabric.events.v1.settlement.AwardSubmitted;
import dev.fabric.events.v1.settlement.ClaimConfirmed;
import dev.fabric.events.v1.settlement.LeaseConfirmed;
import dev.fabric.events.v1.settlement.RefundConfirmed;
import dev.fabric.events.v1.settlement.SettlementEvent;
import dev.fabric.events.v1.settlement.SettlementFailed;
import dev.fabric.hydra.api.TxIn;
import dev.fabric.hydra.api.TxOut;
import dev.fabric.plutus.datum.BidDatum;
import dev.fabric.plutus.tx.SignedTransaction;
import dev.fabric.plutus.tx.SigningKey;
import dev.fabric.plutus.head.HeadUtxos;
import dev.fabric.settlement.chain.ChainReader;
import dev.fabric.settlement.chain.LedgerAudit;
import dev.fabric.settlement.domain.MoneyRules;
import dev.fabric.settlement.domain.SettlementTimings;
import dev.fabric.settlement.fixture.DevnetMarket;
import dev.fabric.settlement.fixture.Events;
import dev.fabric.settlement.fixture.L2Feed;
import dev.fabric.settlement.fixture.OfflineMarket;
import dev.fabric.settlement.fixture.SettlementApp;
import dev.fabric.settlement.fixture.TestHeads;
import dev.fabric.settlement.fixture.TestKeys;
import dev.fabric.settlement.fixture.TopicTail;
import dev.fabric.testkit.EmbeddedKafka;
import dev.fabric.testkit.WithEmbeddedKafka;
import dev.fabric.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * A randomized market of {@value #DEFAULT_BIDS} bids run through the whole service (real broker,
 * exactly-once topology, real devnet with Plutus evaluation): auctions and races, duplicate
 * decisions, cancelled bids, claims, refunds for failed deployments and for deployments that never
 * ran. Afterwards every lovelace is accounted for: each transaction conserved it, the head's UTxO
 * set holds what it opened with, every escrow split into lease and change, every closed lease paid
 * out exactly its price, and each bid was settled by at most one transaction.
 *
 * <p>{@code -Dsettlement.random.bids=N} and {@code -Dsettlement.random.seed=S} change the run.
 */
@WithEmbeddedKafka
class RandomizedMarketTest {

    private static final Logger LOG = Logger.getLogger(RandomizedMarketTest.class);
    static final int DEFAULT_BIDS = 1000;
    private static final SettlementTimings TIMINGS = new SettlementTimings(Duration.ofSeconds(20), Duration.ofSeconds(60),
            Duration.ZERO, Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofDays(90));
    private static final Duration SHORT_DEPLOY_WINDOW = Duration.ofSeconds(5);
    private static final Duration LONG_DEPLOY_WINDOW = Duration.ofHours(1);

    enum Fate { CLAIMED, FAILED_DEPLOYMENT, NEVER_RAN, RUNNING, CANCELLED }

    /** One bid of the run and what the test decided will happen to it. */
    static final class Bid {
        final int index;
        final boolean race;
        final Fate fate;
        final boolean duplicateDecision;
        SignedTransaction open;
        final List<SignedTransaction> offers = new ArrayList<>();
        final List<SigningKey> offerers = new ArrayList<>();
        final List<Long> prices = new ArrayList<>();
        SigningKey winner;
        long price;
        String leaseRef;

        Bid(int index, boolean race, Fate fate, boolean duplicateDecision) {
            this.index = index;
            this.race = race;
            this.fate = fate;
            this.duplicateDecision = duplicateDecision;
        }

        String bidRef() {
            return open.txId() + "#0";
        }
    }

    @Test
    void shouldConserveEveryLovelaceAcrossARandomizedMarket(EmbeddedKafka kafka) {
        int count = Integer.getInteger("settlement.random.bids", DEFAULT_BIDS);
        long seed = Long.getLong("settlement.random.seed", 20261128L);
        Random random = new Random(seed);
        List<Bid> bids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            boolean race = random.nextInt(4) == 0;
            Fate fate = pick(random, race);
            bids.add(new Bid(i, race, fate, !race && random.nextInt(10) == 0));
        }
        LOG.infof("randomized market: %d bids, seed %d, fates %s", count, seed,
                bids.stream().collect(Collectors.groupingBy(b -> b.fate, Collectors.counting())));

        long started = System.nanoTime();
        String bootstrap = kafka.bootstrapServers();
        try (DevnetMarket market = DevnetMarket.start(count, "batch:100:20");
             L2Feed feed = L2Feed.toKafka(market.devnet, bootstrap);
             TopicTail<SettlementEvent> settlements = new TopicTail<>(bootstrap, Topics.SETTLEMENTS);
             KafkaProducer<String, Object> producer = producer(bootstrap)) {
            TestHeads heads = new TestHeads(market, Duration.ofMinutes(10), dev.fabric.settlement.adapter.HeadActivity.NONE).ready();
            try (SettlementApp app = SettlementApp.start(bootstrap, heads.head, TIMINGS)) {
                openBidsAndOffers(market, bids, random);
                acceptRacesAndCancel(market, bids);
                decide(producer, bids);

                List<Bid> leased = bids.stream().filter(b -> b.fate != Fate.CANCELLED).toList();
                await("every lease confirmed").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500))
                        .until(() -> payloads(settlements, LeaseConfirmed.class).size() >= leased.size()
                                && payloads(settlements, SettlementFailed.class).size() >= count - leased.size());
                Map<String, LeaseConfirmed> leases = byBid(settlements, LeaseConfirmed.class);
                leased.forEach(b -> b.leaseRef = leases.get(b.bidRef()).getLeaseRef());

                closeLeases(market, producer, leased);
                long closing = leased.stream().filter(b -> b.fate != Fate.RUNNING).count();
                await("every lease closed").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500))
                        .until(() -> payloads(settlements, ClaimConfirmed.class).size()
                                + payloads(settlements, RefundConfirmed.class).size() >= closing);

                assertOutcomes(bids, settlements, feed);
                assertConservation(market, feed);
                assertThat(app.metrics.violationCount()).isZero();
                assertThat(app.metrics.registry().counter("settlement_invariant_checks_total", "rule", "escrow_split").count())
                        .isEqualTo(leased.size());
            }
        }
        LOG.infof("randomized market of %d bids settled and audited in %d s", count, (System.nanoTime() - started) / 1_000_000_000);
    }

    private static Fate pick(Random random, boolean race) {
        int roll = random.nextInt(100);
        if (!race && roll < 5) {
            return Fate.CANCELLED;
        }
        if (roll < 45) {
            return Fate.CLAIMED;
        }
        if (roll < 70) {
            return Fate.FAILED_DEPLOYMENT;
        }
        return roll < 90 ? Fate.NEVER_RAN : Fate.RUNNING;
    }

    private static void openBidsAndOffers(DevnetMarket market, List<Bid> bids, Random random) {
        long now = market.now();
        List<String> ids = new ArrayList<>();
        for (Bid bid : bids) {
            BidDatum datum = bid.race ? OfflineMarket.raceBid(now + 3_600_000, 3600) : OfflineMarket.auctionBid(now + 3_600_000, 3600);
            bid.open = market.openBid(bid.index, datum);
            ids.add(bid.open.txId());
        }
        for (Bid bid : bids) {
            if (bid.race) {
                bid.winner = TestKeys.OPERATOR;
                bid.price = (5 + random.nextInt(25)) * ADA;
                continue;
            }
            Utxo output = OfflineMarket.output(bid.open, 0);
            int offers = 1 + random.nextInt(2);
            for (int o = 0; o < offers; o++) {
                SigningKey operator = o == 0 ? TestKeys.OPERATOR : TestKeys.OTHER_OPERATOR;
                long price = (5 + random.nextInt(25)) * ADA;
                SignedTransaction offer = market.makeOffer(bid.index, output, operator, price, now + 3_600_000);
                bid.offers.add(offer);
                bid.offerers.add(operator);
                bid.prices.add(price);
                ids.add(offer.txId());
            }
            int winner = random.nextInt(offers);
            bid.winner = bid.offerers.get(winner);
            bid.price = bid.prices.get(winner);
        }
        market.awaitConfirmed(ids, Duration.ofMinutes(3));
    }

    private static void acceptRacesAndCancel(DevnetMarket market, List<Bid> bids) {
        List<String> ids = new ArrayList<>();
        for (Bid bid : bids) {
            if (bid.race) {
                SignedTransaction accept = market.raceAccept(OfflineMarket.output(bid.open, 0), bid.winner, bid.price);
                bid.leaseRef = accept.txId() + "#0";
                ids.add(accept.txId());
            } else if (bid.fate == Fate.CANCELLED) {
                ids.add(market.cancel(OfflineMarket.output(bid.open, 0)).txId());
            }
        }
        market.awaitConfirmed(ids, Duration.ofMinutes(3));
    }

    private static void decide(KafkaProducer<String, Object> producer, List<Bid> bids) {
        for (Bid bid : bids) {
            Duration window = bid.fate == Fate.NEVER_RAN ? SHORT_DEPLOY_WINDOW : LONG_DEPLOY_WINDOW;
            AuctionDecision decision = bid.race
                    ? Events.race(bid.bidRef(), bid.leaseRef, bid.winner, bid.price, Instant.now(), window)
                    : Events.auction(bid.bidRef(), bid.offers.get(bid.offerers.indexOf(bid.winner)).txId() + "#0", bid.winner,
                    bid.price, Instant.now(), window);
            producer.send(new ProducerRecord<>(Topics.AWARDS.name(), bid.bidRef(), decision));
            if (bid.duplicateDecision) {
                producer.send(new ProducerRecord<>(Topics.AWARDS.name(), bid.bidRef(), decision));
            }
        }
        producer.flush();
    }

    private static void closeLeases(DevnetMarket market, KafkaProducer<String, Object> producer, List<Bid> leased) {
        Map<TxIn, TxOut> utxo = market.confirmedUtxo();
        List<String> claims = new ArrayList<>();
        for (Bid bid : leased) {
            switch (bid.fate) {
                case CLAIMED -> {
                    TxIn lease = TxIn.parse(bid.leaseRef);
                    producer.send(new ProducerRecord<>(Topics.DEPLOYMENTS.name(), bid.bidRef(),
                            Events.running(bid.bidRef(), bid.winner, Instant.now())));
                    // Proof of delivery: the arbiter co-signs, so the operator need not wait for the lease's end.
                    claims.add(market.claim(HeadUtxos.toUtxo(lease, utxo.get(lease)), bid.winner, Optional.of(TestKeys.ARBITER),
                            market.now() - 1000).txId());
                }
                case FAILED_DEPLOYMENT -> producer.send(new ProducerRecord<>(Topics.DEPLOYMENTS.name(), bid.bidRef(),
                        Events.failed(bid.bidRef(), bid.winner, Instant.now())));
                case RUNNING -> producer.send(new ProducerRecord<>(Topics.DEPLOYMENTS.name(), bid.bidRef(),
                        Events.running(bid.bidRef(), bid.winner, Instant.now())));
                case NEVER_RAN, CANCELLED -> { }
            }
        }
        producer.flush();
        market.awaitConfirmed(claims, Duration.ofMinutes(3));
    }

    private static void assertOutcomes(List<Bid> bids, TopicTail<SettlementEvent> settlements, L2Feed feed) {
        Map<String, List<SettlementEvent>> events = settlements.values().stream()
                .collect(Collectors.groupingBy(SettlementEvent::getBidRef));
        for (Bid bid : bids) {
            List<Object> payloads = events.getOrDefault(bid.bidRef(), List.of()).stream().map(SettlementEvent::getPayload).toList();
            assertThat(feed.spending(bid.bidRef())).as("transactions spending %s", bid.bidRef()).hasSize(1);
            if (bid.fate == Fate.CANCELLED) {
                assertThat(payloads).as("%s (cancelled)", bid.bidRef()).singleElement().isInstanceOf(SettlementFailed.class);
                continue;
            }
            long leasesConfirmed = payloads.stream().filter(LeaseConfirmed.class::isInstance).count();
            long awards = payloads.stream().filter(AwardSubmitted.class::isInstance).count();
            assertThat(leasesConfirmed).as("LeaseConfirmed for %s", bid.bidRef()).isEqualTo(1);
            assertThat(awards).as("AwardSubmitted for %s", bid.bidRef()).isEqualTo(bid.race ? 0 : 1);
            LeaseConfirmed lease = (LeaseConfirmed) payloads.stream().filter(LeaseConfirmed.class::isInstance).findFirst().orElseThrow();
            assertThat(lease.getPrice()).isEqualTo(bid.price);
            assertThat(lease.getOperatorId()).isEqualTo(bid.winner.keyHash().hex());
            List<Object> closures = payloads.stream()
                    .filter(p -> p instanceof ClaimConfirmed || p instanceof RefundConfirmed).toList();
            switch (bid.fate) {
                case CLAIMED -> assertThat(closures).singleElement().isInstanceOfSatisfying(ClaimConfirmed.class,
                        c -> assertThat(c.getAmount()).isEqualTo(bid.price));
                case FAILED_DEPLOYMENT, NEVER_RAN -> assertThat(closures).singleElement().isInstanceOfSatisfying(RefundConfirmed.class,
                        r -> assertThat(r.getAmount()).isEqualTo(bid.price));
                default -> assertThat(closures).isEmpty();
            }
            assertThat(payloads).noneMatch(SettlementFailed.class::isInstance);
        }
    }

    private static void assertConservation(DevnetMarket market, L2Feed feed) {
        Map<String, Long> opening = new HashMap<>();
        market.devnet.config().initialUtxo().outputs()
                .forEach((in, out) -> opening.put(in.toString(), out.value().lovelace().longValueExact()));
        LedgerAudit audit = new LedgerAudit(opening, new ChainReader(TestKeys.NETWORK));
        feed.records().forEach(audit::apply);

        assertThat(audit.violations()).isEmpty();
        assertThat(audit.total()).isEqualTo(market.genesisLovelace());
        assertThat(market.devnet.confirmedUtxo().totalLovelace()).isEqualTo(market.genesisLovelace());
        Map<String, Long> onHead = new HashMap<>();
        market.confirmedUtxo().forEach((in, out) -> onHead.put(in.toString(), out.value().lovelace().longValueExact()));
        assertThat(audit.utxo()).isEqualTo(onHead);
        assertThat(audit.checked(MoneyRules.Rule.LOVELACE_CONSERVED)).isEqualTo(feed.records().size());
        LOG.infof("audit: %d transactions, %d escrow splits, %d lease payouts, %s lovelace conserved", audit.transactions(),
                audit.checked(MoneyRules.Rule.ESCROW_SPLIT), audit.checked(MoneyRules.Rule.LEASE_PAYOUT), audit.total());
    }

    private static <T> List<T> payloads(TopicTail<SettlementEvent> tail, Class<T> type) {
        return tail.values().stream().map(SettlementEvent::getPayload).filter(type::isInstance).map(type::cast).toList();
    }

    private static <T> Map<String, T> byBid(TopicTail<SettlementEvent> tail, Class<T> type) {
        Map<String, T> byBid = new HashMap<>();
        for (SettlementEvent event : tail.values()) {
            if (type.isInstance(event.getPayload())) {
                byBid.put(event.getBidRef(), type.cast(event.getPayload()));
            }
        }
        return byBid;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static KafkaProducer<String, Object> producer(String bootstrap) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        org.apache.kafka.common.serialization.Serializer<Object> values = (topic, value) -> topic.equals(Topics.AWARDS.name())
                ? Topics.AWARDS.valueSerde().serializer().serialize(topic, (AuctionDecision) value)
                : Topics.DEPLOYMENTS.valueSerde().serializer().serialize(topic, (DeploymentEvent) value);
        return new KafkaProducer<>(props, Topics.AWARDS.keySerde().serializer(), values);
    }
}
