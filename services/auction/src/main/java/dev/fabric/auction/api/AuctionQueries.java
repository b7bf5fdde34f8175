package dev.fabric.auction.api;

import dev.fabric.auction.domain.AuctionState;
import dev.fabric.auction.domain.Offer;
import dev.fabric.auction.domain.ScoreBook;
import dev.fabric.auction.domain.ScoreHistory;
import dev.fabric.auction.topology.AuctionStores;
import dev.fabric.auction.topology.OperatorOfferIndex;
import dev.fabric.auction.topology.OperatorOffers;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Predicate;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Interactive queries over this instance's auction stores, and where to ask when a key lives on
 * another instance. Every query is a single attempt: while stores migrate the answer is
 * {@link Lookup.Unavailable} (HTTP 503), never a retry loop.
 */
@ApplicationScoped
public class AuctionQueries {

    private static final StringSerializer KEYS = new StringSerializer();

    private final KafkaStreams streams;
    private final Clock clock;
    private final Optional<HostInfo> self;

    public AuctionQueries(KafkaStreams streams, Clock clock,
                          @ConfigProperty(name = "quarkus.kafka-streams.application-server") Optional<String> applicationServer) {
        this.streams = streams;
        this.clock = clock;
        this.self = applicationServer.map(HostInfo::buildFromEndpoint);
    }

    /** This instance as other instances know it; empty when the service runs as a single instance without one. */
    public Optional<HostInfo> self() {
        return self;
    }

    /** One auction: here, elsewhere, absent or unavailable. */
    public Lookup<AuctionView> auction(String bidRef) {
        Integer partition = null;
        if (self.isPresent()) {
            KeyQueryMetadata owner;
            try {
                owner = streams.queryMetadataForKey(AuctionStores.BIDS, bidRef, Serdes.String().serializer());
            } catch (IllegalStateException e) {
                return new Lookup.Unavailable<>(e.getMessage());
            }
            if (owner == null || KeyQueryMetadata.NOT_AVAILABLE.equals(owner)) {
                return new Lookup.Unavailable<>("no instance hosts " + AuctionStores.BIDS + " for this key yet");
            }
            if (!owner.activeHost().equals(self.get())) {
                return new Lookup.Elsewhere<>(owner.activeHost());
            }
            partition = owner.partition();
        }
        try {
            AuctionState state = this.<AuctionState>store(AuctionStores.BIDS, partition).get(bidRef);
            if (state == null) {
                return new Lookup.NotFound<>();
            }
            List<Offer> offers = offers(bidRef, partition);
            return new Lookup.Found<>(AuctionViews.detail(state, offers, scores(), clock.instant()));
        } catch (InvalidStateStoreException e) {
            return new Lookup.Unavailable<>(e.getMessage());
        }
    }

    /** Summaries of this instance's auctions whose status passes {@code status}, soonest closing first. */
    public Lookup<List<AuctionView>> localAuctions(Predicate<String> status, int limit) {
        try {
            ReadOnlyKeyValueStore<String, AuctionState> bids = store(AuctionStores.BIDS, null);
            List<AuctionState> matching = new ArrayList<>();
            try (KeyValueIterator<String, AuctionState> all = bids.all()) {
                all.forEachRemaining(entry -> {
                    if (status.test(AuctionViews.status(entry.value))) {
                        matching.add(entry.value);
                    }
                });
            }
            List<AuctionView> views = matching.stream()
                    .sorted(Comparator.comparing(AuctionState::dueAt).thenComparing(AuctionState::bidRef))
                    .limit(limit)
                    .map(state -> AuctionViews.summary(state, offers(state.bidRef(), null).size(), clock.instant()))
                    .toList();
            return new Lookup.Found<>(views);
        } catch (InvalidStateStoreException e) {
            return new Lookup.Unavailable<>(e.getMessage());
        }
    }

    /** This instance's offers of one operator, in bid order. */
    public Lookup<List<OperatorOfferView>> localOperatorOffers(String operatorId) {
        try {
            OperatorOffers index = streams.store(
                    StoreQueryParameters.fromNameAndType(AuctionStores.OPERATOR_OFFERS, OperatorOfferIndex.QUERYABLE));
            ReadOnlyKeyValueStore<String, Offer> offers = store(AuctionStores.OFFERS, null);
            ReadOnlyKeyValueStore<String, AuctionState> bids = store(AuctionStores.BIDS, null);
            List<OperatorOfferView> views = new ArrayList<>();
            for (OperatorOfferIndex.Entry entry : index.offersOf(operatorId)) {
                Offer offer = offers.get(AuctionStores.offerKey(entry.bidRef(), entry.offerRef()));
                if (offer != null) {
                    AuctionViews.operatorOffer(offer, bids.get(entry.bidRef())).ifPresent(views::add);
                }
            }
            return new Lookup.Found<>(views);
        } catch (InvalidStateStoreException e) {
            return new Lookup.Unavailable<>(e.getMessage());
        }
    }

    /** The other instances of the application (those that host state). */
    public List<HostInfo> peers() {
        return streams.metadataForAllStreamsClients().stream()
                .map(StreamsMetadata::hostInfo)
                .filter(host -> self.isEmpty() || !host.equals(self.get()))
                .distinct()
                .toList();
    }

    private List<Offer> offers(String bidRef, Integer partition) {
        List<Offer> kept = new ArrayList<>();
        ReadOnlyKeyValueStore<String, Offer> offers = store(AuctionStores.OFFERS, partition);
        try (KeyValueIterator<String, Offer> range = offers.prefixScan(AuctionStores.offersOf(bidRef), KEYS)) {
            range.forEachRemaining(entry -> kept.add(entry.value));
        }
        return kept;
    }

    private ScoreBook scores() {
        ReadOnlyKeyValueStore<String, ScoreHistory> reputation = store(AuctionStores.REPUTATION, null);
        return (operatorId, at) -> {
            ScoreHistory history = reputation.get(operatorId);
            return history == null ? OptionalInt.empty() : history.at(at);
        };
    }

    private <V> ReadOnlyKeyValueStore<String, V> store(String name, Integer partition) {
        StoreQueryParameters<ReadOnlyKeyValueStore<String, V>> parameters =
                StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.keyValueStore());
        return streams.store(partition == null ? parameters : parameters.withPartition(partition));
    }
}
