package dev.fabric.auction.api;

import dev.fabric.auction.domain.AuctionState;
import dev.fabric.auction.domain.Bid;
import dev.fabric.auction.domain.Mode;
import dev.fabric.auction.domain.Offer;
import dev.fabric.auction.domain.OfferRanking;
import dev.fabric.auction.domain.Ranked;
import dev.fabric.auction.domain.ScoreBook;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Builds the REST views from the auction's state. */
final class AuctionViews {

    static final String AWAITING_BID = "AWAITING_BID";
    static final String OPEN = "OPEN";

    private AuctionViews() {
    }

    static String status(AuctionState state) {
        if (state instanceof AuctionState.AwaitingBid) {
            return AWAITING_BID;
        }
        return state instanceof AuctionState.Open ? OPEN : ((AuctionState.Closed) state).termination().name();
    }

    /** The full view; {@code scores} feed the provisional ranking of an open auction. */
    static AuctionView detail(AuctionState state, List<Offer> offers, ScoreBook scores, Instant now) {
        List<AuctionView.OfferView> offerViews = offers.stream().sorted(OfferRanking.BY_CONFIRMATION).map(AuctionViews::offer).toList();
        if (state instanceof AuctionState.Open open) {
            Bid bid = open.bid();
            List<Ranked> provisional = bid.rule().decide(bid, offers, scores).ranking();
            return view(state, offers.size(), offerViews, false, provisional, now);
        }
        List<Ranked> ranking = state instanceof AuctionState.Closed closed ? closed.ranking() : List.of();
        return view(state, offers.size(), offerViews, true, ranking, now);
    }

    static AuctionView summary(AuctionState state, int offerCount, Instant now) {
        return view(state, offerCount, List.of(), state instanceof AuctionState.Closed, List.of(), now);
    }

    static Optional<OperatorOfferView> operatorOffer(Offer offer, AuctionState state) {
        if (state == null) {
            return Optional.empty();
        }
        Optional<Ranked> line = state instanceof AuctionState.Closed closed
                ? closed.ranking().stream().filter(r -> offer.offerRef().equals(r.offerRef())).findFirst()
                : Optional.empty();
        return Optional.of(new OperatorOfferView(offer.bidRef(), offer.offerRef(), offer.price(), offer.confirmedAt(), offer.withdrawnAt(),
                status(state), line.map(r -> r.outcome().name()).orElse(null), line.map(Ranked::rank).orElse(null),
                line.map(Ranked::detail).orElse(null)));
    }

    private static AuctionView view(AuctionState state, int offerCount, List<AuctionView.OfferView> offers, boolean rankingFinal,
                                    List<Ranked> ranking, Instant now) {
        List<AuctionView.RankedView> lines = ranking.stream().map(AuctionViews::ranked).toList();
        if (state instanceof AuctionState.AwaitingBid awaiting) {
            return new AuctionView(awaiting.bidRef(), AWAITING_BID, null, null, null, null, null, null, null, null, null,
                    "offers arrived before the bid; waiting until " + awaiting.dueAt(), offerCount, offers, false, lines);
        }
        if (state instanceof AuctionState.Open open) {
            Bid bid = open.bid();
            long left = Math.max(0, open.dueAt().toEpochMilli() - now.toEpochMilli());
            return new AuctionView(bid.bidRef(), OPEN, mode(bid.mode()), bid.rule().name(), bid.openedAt(), open.dueAt(), bid.deadline(),
                    left, bid.minPrice(), bid.maxPrice(), null, null, offerCount, offers, rankingFinal, lines);
        }
        AuctionState.Closed closed = (AuctionState.Closed) state;
        Bid bid = closed.bid();
        return new AuctionView(bid.bidRef(), closed.termination().name(), mode(bid.mode()), bid.rule().name(), bid.openedAt(),
                bid.primaryCloseAt(), bid.deadline(), 0L, bid.minPrice(), bid.maxPrice(), closed.closedAt(), closed.reason(), offerCount,
                offers, rankingFinal, lines);
    }

    private static String mode(Mode mode) {
        if (mode instanceof Mode.LowestPrice) {
            return "AUCTION";
        }
        return mode instanceof Mode.ReputationPriority ? "REPUTATION" : "RACE";
    }

    private static AuctionView.OfferView offer(Offer offer) {
        return new AuctionView.OfferView(offer.offerRef(), offer.operatorId(), offer.price(), offer.confirmedAt(), offer.expiry(),
                offer.withdrawnAt());
    }

    private static AuctionView.RankedView ranked(Ranked line) {
        return new AuctionView.RankedView(line.rank(), line.offerRef(), line.operatorId(), line.price(),
                line.scoreBps().isPresent() ? line.scoreBps().getAsInt() : null, line.confirmedAt(), line.outcome().name(), line.detail());
    }
}
