package dev.fabric.auction.api;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.streams.state.HostInfo;

/** Asks another auction instance for what its stores hold (one attempt, bounded by a timeout). */
@ApplicationScoped
public class PeerClient {

    /** Marks a request one instance forwards to another, which must then answer from its own stores only. */
    public static final String FORWARDED = "X-Fabric-Forwarded";

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    /** HTTP/1.1: an h2c upgrade to a Vert.x server that restarts on the same port can leave a response read as HTTP/2 frames. */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();
    private final ObjectMapper json;

    public PeerClient(ObjectMapper json) {
        this.json = json;
    }

    /** Thrown when a peer does not answer usefully. */
    public static final class PeerUnavailable extends Exception {
        PeerUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** GET {@code pathAndQuery} on {@code host}: the body on 200, empty on 404. */
    public <T> Optional<T> get(HostInfo host, String pathAndQuery, TypeReference<T> type) throws PeerUnavailable {
        URI uri = URI.create("http://" + host.host() + ":" + host.port() + pathAndQuery);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).header(FORWARDED, "true").header("Accept", "application/json")
                .GET().build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 404) {
                return Optional.empty();
            }
            if (response.statusCode() != 200) {
                throw new PeerUnavailable(uri + " answered " + response.statusCode(), null);
            }
            return Optional.of(json.readValue(response.body(), type));
        } catch (IOException e) {
            throw new PeerUnavailable(uri + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PeerUnavailable(uri + ": interrupted", e);
        }
    }
}
