package dev.fabric.auction.api;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.fabric.events.UtxoRef;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.streams.state.HostInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.logging.Logger;

/**
 * Read API over the auctions. A bidRef contains '#', so clients send it URL-encoded
 * ({@code /auctions/<txId>%23<index>}). Single auctions are answered by the instance hosting the
 * key (this one, or a peer asked on the client's behalf); lists gather every instance's share.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class AuctionResource {

    private static final Logger LOG = Logger.getLogger(AuctionResource.class);
    private static final Set<String> STATUSES = Set.of("open", "closed", "all", "awaiting_bid", "awarded", "expired", "cancelled",
            "spent_on_head");

    private final AuctionQueries queries;
    private final PeerClient peers;

    public AuctionResource(AuctionQueries queries, PeerClient peers) {
        this.queries = queries;
        this.peers = peers;
    }

    @GET
    @Path("auctions/{bidRef}")
    @Operation(summary = "One auction: state, offers so far, ranking (provisional while open) and time left")
    public Response auction(@PathParam("bidRef") String bidRef, @HeaderParam(PeerClient.FORWARDED) boolean forwarded) {
        try {
            UtxoRef.parse(bidRef);
        } catch (IllegalArgumentException e) {
            // Not a bid reference at all: say so, rather than a 404 or a 503 while the stores start.
            return badRequest("bidRef must be <txId>#<index>: " + e.getMessage());
        }
        Lookup<AuctionView> lookup = queries.auction(bidRef);
        if (lookup instanceof Lookup.Found<AuctionView> found) {
            return Response.ok(found.value()).build();
        }
        if (lookup instanceof Lookup.NotFound<AuctionView>) {
            return notFound("no auction for bid " + bidRef + " (never seen, or forgotten after its retention)");
        }
        if (lookup instanceof Lookup.Unavailable<AuctionView> unavailable) {
            return unavailable(unavailable.reason());
        }
        HostInfo owner = ((Lookup.Elsewhere<AuctionView>) lookup).host();
        if (forwarded) {
            // The asking peer thought we own the key; ownership is moving. Let the client retry.
            return unavailable("bid " + bidRef + " is moving to " + owner);
        }
        try {
            return peers.get(owner, "/auctions/" + URLEncoder.encode(bidRef, StandardCharsets.UTF_8), new TypeReference<AuctionView>() { })
                    .map(view -> Response.ok(view).build())
                    .orElseGet(() -> notFound("no auction for bid " + bidRef));
        } catch (PeerClient.PeerUnavailable e) {
            return unavailable("the instance hosting bid " + bidRef + " did not answer: " + e.getMessage());
        }
    }

    @GET
    @Path("auctions")
    @Operation(summary = "Auctions by status across all instances (summaries, soonest closing first)")
    public Response auctions(
            @Parameter(description = "open (default), closed, all, awaiting_bid, awarded, expired, cancelled, spent_on_head")
            @QueryParam("status") @DefaultValue("open") String status,
            @QueryParam("limit") @DefaultValue("1000") String limitText,
            @Parameter(description = "local: only this instance's share") @QueryParam("scope") @DefaultValue("all") String scope,
            @HeaderParam(PeerClient.FORWARDED) boolean forwarded) {
        String wanted = status.toLowerCase(Locale.ROOT);
        if (!STATUSES.contains(wanted)) {
            return badRequest("status must be one of " + STATUSES.stream().sorted().toList());
        }
        // Parsed here, not by JAX-RS: a non-numeric limit would otherwise be a bare 404.
        int limit;
        try {
            limit = Integer.parseInt(limitText);
        } catch (NumberFormatException e) {
            return badRequest("limit must be an integer >= 1, got '" + limitText + "'");
        }
        if (limit < 1) {
            return badRequest("limit must be >= 1");
        }
        Lookup<List<AuctionView>> local = queries.localAuctions(statusFilter(wanted), limit);
        return gather(local, forwarded || "local".equals(scope),
                "/auctions?scope=local&limit=" + limit + "&status=" + wanted, new TypeReference<Listing<AuctionView>>() { },
                items -> items.stream().sorted(Comparator.comparing(AuctionView::closesAt, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(AuctionView::bidRef)).limit(limit).toList());
    }

    @GET
    @Path("operators/{operatorId}/offers")
    @Operation(summary = "An operator's offers across all instances, with each auction's status and the offer's outcome once decided")
    public Response operatorOffers(@PathParam("operatorId") String operatorId,
                                   @QueryParam("scope") @DefaultValue("all") String scope,
                                   @HeaderParam(PeerClient.FORWARDED) boolean forwarded) {
        Lookup<List<OperatorOfferView>> local = queries.localOperatorOffers(operatorId);
        return gather(local, forwarded || "local".equals(scope),
                "/operators/" + URLEncoder.encode(operatorId, StandardCharsets.UTF_8) + "/offers?scope=local",
                new TypeReference<Listing<OperatorOfferView>>() { },
                items -> items.stream().sorted(Comparator.comparing(OperatorOfferView::confirmedAt)
                        .thenComparing(OperatorOfferView::offerRef)).toList());
    }

    private <T> Response gather(Lookup<List<T>> local, boolean localOnly, String peerPath, TypeReference<Listing<T>> type,
                                Function<List<T>, List<T>> order) {
        if (!(local instanceof Lookup.Found<List<T>> found)) {
            return unavailable(local instanceof Lookup.Unavailable<List<T>> u ? u.reason() : "stores not queryable");
        }
        List<T> items = new ArrayList<>(found.value());
        List<String> unreachable = new ArrayList<>();
        if (!localOnly) {
            for (HostInfo peer : queries.peers()) {
                try {
                    peers.get(peer, peerPath, type).ifPresent(listing -> items.addAll(listing.items()));
                } catch (PeerClient.PeerUnavailable e) {
                    LOG.warnf("peer %s:%d did not answer %s: %s", peer.host(), peer.port(), peerPath, e.getMessage());
                    unreachable.add(peer.host() + ":" + peer.port());
                }
            }
        }
        return Response.ok(new Listing<>(order.apply(items), unreachable)).build();
    }

    private static Predicate<String> statusFilter(String wanted) {
        switch (wanted) {
            case "all":
                return status -> true;
            case "closed":
                return status -> !AuctionViews.OPEN.equals(status) && !AuctionViews.AWAITING_BID.equals(status);
            default:
                String upper = wanted.toUpperCase(Locale.ROOT);
                return upper::equals;
        }
    }

    private static Response badRequest(String message) {
        return Response.status(Response.Status.BAD_REQUEST).entity(new Problem(message)).build();
    }

    private static Response notFound(String message) {
        return Response.status(Response.Status.NOT_FOUND).entity(new Problem(message)).build();
    }

    private static Response unavailable(String message) {
        return Response.status(Response.Status.SERVICE_UNAVAILABLE).header("Retry-After", "1").entity(new Problem(message)).build();
    }

    /** Error body. */
    public record Problem(String message) {
    }
}
