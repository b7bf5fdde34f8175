package dev.fabric.reputation.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.state.HostInfo;
import org.jboss.logging.Logger;

/**
 * Asks another instance of this service for what it holds. Forwarded calls carry
 * {@code forwarded=true} / {@code local=true}, so the peer answers from its own store and never
 * forwards again (no ping-pong during a rebalance).
 */
@ApplicationScoped
public class PeerInstances {

    private static final Logger LOG = Logger.getLogger(PeerInstances.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    /** HTTP/1.1: an h2c upgrade to a Vert.x server that restarts on the same port can leave a response read as HTTP/2 frames. */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();
    private final ObjectMapper json;

    @Inject
    public PeerInstances(ObjectMapper json) {
        this.json = json;
    }

    /** A peer's answer: HTTP status and body, passed through as is. */
    public record Answer(int status, String body) {
    }

    public Optional<Answer> reputation(HostInfo host, String operatorId) {
        return get(host, "/operators/" + java.net.URLEncoder.encode(operatorId, java.nio.charset.StandardCharsets.UTF_8)
                + "/reputation?forwarded=true");
    }

    public Optional<List<ReputationViews.LeaderboardEntry>> leaderboard(HostInfo host) {
        return get(host, "/operators?sort=score&local=true&limit=" + ReputationResource.MAX_LIMIT)
                .filter(answer -> answer.status() == 200)
                .flatMap(answer -> {
                    try {
                        return Optional.of(json.readValue(answer.body(), ReputationViews.Leaderboard.class).operators());
                    } catch (IOException e) {
                        LOG.warnf("unreadable leaderboard from peer=%s:%d error=%s", host.host(), host.port(), e.getMessage());
                        return Optional.empty();
                    }
                });
    }

    private Optional<Answer> get(HostInfo host, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + host.host() + ":" + host.port() + path))
                .timeout(TIMEOUT).header("Accept", "application/json").GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return Optional.of(new Answer(response.statusCode(), response.body()));
        } catch (IOException e) {
            LOG.warnf("peer unreachable peer=%s:%d error=%s", host.host(), host.port(), e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
