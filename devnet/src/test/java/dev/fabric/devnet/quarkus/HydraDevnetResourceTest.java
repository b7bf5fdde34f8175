package dev.fabric.devnet.quarkus;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The resource's contract with Quarkus (init, start's config map, stop), driven as Quarkus would. */
class HydraDevnetResourceTest {

    @Test
    void shouldStartADevnetAndHandTheApplicationItsUrls() throws Exception {
        HydraDevnetResource resource = new HydraDevnetResource();
        resource.init(Map.of("initial-utxo", "devnet/test-utxo.json", "snapshot-policy", "per-tx"));
        Map<String, String> properties = resource.start();
        try {
            assertThat(properties.get(HydraDevnetResource.WS_URL_PROPERTY)).startsWith("ws://127.0.0.1:");
            HttpResponse<String> utxo = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(properties.get(HydraDevnetResource.HTTP_URL_PROPERTY) + "/snapshot/utxo")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(utxo.statusCode()).isEqualTo(200);
            assertThat(utxo.body()).contains("44".repeat(32) + "#0");
        } finally {
            resource.stop();
        }
    }
}
