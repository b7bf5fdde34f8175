package dev.fabric.devnet.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryParametersTest {

    @Test
    void shouldReadHydraNodesParameters() {
        assertThat(QueryParameters.parse("history=yes&snapshot-utxo=no&address=addr_test1x"))
                .containsEntry("history", "yes").containsEntry("snapshot-utxo", "no").containsEntry("address", "addr_test1x");
    }

    @Test
    void shouldFallBackToDefaultsForAMalformedQuery() {
        assertThat(QueryParameters.parse("history=%zz&snapshot-utxo=no")).isEqualTo(Map.of("snapshot-utxo", "no"));
        assertThat(QueryParameters.parse(null)).isEmpty();
        assertThat(QueryParameters.parse("&&=&flag")).containsEntry("flag", "");
    }
}
