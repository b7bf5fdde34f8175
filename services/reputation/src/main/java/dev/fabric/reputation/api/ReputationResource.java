package dev.fabric.reputation.api;

import dev.fabric.reputation.config.ReputationSettings;
import dev.fabric.reputation.topology.OperatorRecord;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Operator reputations, decayed to the time of the request: one operator with its explanation,
 * or the leaderboard across all instances.
 */
@Path("/operators")
@Produces(MediaType.APPLICATION_JSON)
public class ReputationResource {

    static final int MAX_LIMIT = 1000;

    private final ReputationQueries queries;
    private final PeerInstances peers;
    private final ReputationSettings settings;
    private final Clock clock;

    @Inject
    public ReputationResource(ReputationQueries queries, PeerInstances peers, ReputationSettings settings, Clock clock) {
        this.queries = queries;
        this.peers = peers;
        this.settings = settings;
        this.clock = clock;
    }

    @GET
    @Path("/{operatorId}/reputation")
    public Response reputation(@PathParam("operatorId") String operatorId, @QueryParam("forwarded") boolean forwarded) {
        Lookup<OperatorRecord> lookup = queries.operator(operatorId);
        if (lookup instanceof Lookup.Found<OperatorRecord> found) {
            return Response.ok(ReputationViews.view(found.value().reputation(), clock.instant(), settings.rules())).build();
        }
        if (lookup instanceof Lookup.NotFound<OperatorRecord>) {
            return error(Response.Status.NOT_FOUND, "no reputation for operator " + operatorId);
        }
        if (lookup instanceof Lookup.Elsewhere<OperatorRecord> elsewhere && !forwarded) {
            HostInfo host = elsewhere.host();
            return peers.reputation(host, operatorId)
                    .map(answer -> Response.status(answer.status()).entity(answer.body()).type(MediaType.APPLICATION_JSON).build())
                    .orElseGet(() -> unavailable("instance " + host.host() + ":" + host.port() + " holding " + operatorId + " is unreachable"));
        }
        if (lookup instanceof Lookup.Unavailable<OperatorRecord> unavailable) {
            return unavailable(unavailable.reason());
        }
        return unavailable("partition of " + operatorId + " moved while forwarding; retry");
    }

    @GET
    public Response leaderboard(@QueryParam("sort") @DefaultValue("score") String sort,
                                @QueryParam("limit") @DefaultValue("50") String limitText,
                                @QueryParam("local") boolean local) {
        if (!"score".equals(sort)) {
            return error(Response.Status.BAD_REQUEST, "sort must be 'score'");
        }
        // Parsed here, not by JAX-RS: a non-numeric limit would otherwise be a bare 404.
        int limit;
        try {
            limit = Integer.parseInt(limitText);
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            return error(Response.Status.BAD_REQUEST, "limit must be an integer within 1.." + MAX_LIMIT);
        }
        Lookup<List<OperatorRecord>> mine = queries.localOperators();
        if (mine instanceof Lookup.Unavailable<List<OperatorRecord>> unavailable) {
            return unavailable(unavailable.reason());
        }
        Instant now = clock.instant();
        List<ReputationViews.LeaderboardEntry> entries = new ArrayList<>();
        ((Lookup.Found<List<OperatorRecord>>) mine).value()
                .forEach(r -> entries.add(ReputationViews.entry(r.reputation(), now, settings.rules())));
        List<String> unreachable = new ArrayList<>();
        if (!local) {
            for (HostInfo host : queries.otherInstances()) {
                Optional<List<ReputationViews.LeaderboardEntry>> theirs = peers.leaderboard(host);
                theirs.ifPresentOrElse(entries::addAll, () -> unreachable.add(host.host() + ":" + host.port()));
            }
        }
        entries.sort(Comparator.comparingInt(ReputationViews.LeaderboardEntry::scoreBps).reversed()
                .thenComparing(ReputationViews.LeaderboardEntry::operatorId));
        List<ReputationViews.LeaderboardEntry> ranked = new ArrayList<>(Math.min(limit, entries.size()));
        for (int i = 0; i < entries.size() && i < limit; i++) {
            ReputationViews.LeaderboardEntry e = entries.get(i);
            ranked.add(new ReputationViews.LeaderboardEntry(i + 1, e.operatorId(), e.scoreBps(), e.mean(), e.successes(), e.failures(),
                    e.attestations()));
        }
        return Response.ok(new ReputationViews.Leaderboard(now, ranked, unreachable)).build();
    }

    private static Response unavailable(String reason) {
        return Response.status(Response.Status.SERVICE_UNAVAILABLE).header("Retry-After", "1")
                .entity(Map.of("error", reason)).type(MediaType.APPLICATION_JSON).build();
    }

    private static Response error(Response.Status status, String reason) {
        return Response.status(status).entity(Map.of("error", reason)).type(MediaType.APPLICATION_JSON).build();
    }
}
