package dev.fabric.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void shouldReadTypedValuesWithDefaults() {
        BenchOptions options = BenchOptions.parse(new String[] {"--bids", "500", "--threads", "1,2,4", "--policy", "per-tx"});

        assertThat(options.integer("--bids", 100)).isEqualTo(500);
        assertThat(options.longInteger("--window-ms", 5000)).isEqualTo(5000);
        assertThat(options.integers("--threads", "2")).containsExactly(1, 2, 4);
        assertThat(options.text("--policy", "batch:100:10")).isEqualTo("per-tx");
        options.requireAllRead();
        assertThat(options.asMap()).containsKeys("--bids", "--threads", "--policy");
    }

    @Test
    void shouldRefuseAnOptionNoGetterRead() {
        BenchOptions options = BenchOptions.parse(new String[] {"--bid", "500"});
        options.integer("--bids", 100);

        assertThatThrownBy(options::requireAllRead).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[--bid]").hasMessageContaining("--bids");
    }

    @Test
    void shouldNameTheOptionOfABadNumber() {
        BenchOptions options = BenchOptions.parse(new String[] {"--bids", "many"});

        assertThatThrownBy(() -> options.integer("--bids", 1)).hasMessage("--bids expects a whole number, got many");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--threads", "1,x"}).integers("--threads", "1"))
                .hasMessageContaining("--threads");
    }

    @Test
    void shouldRefuseMalformedCommandLines() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--bids"})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"bids", "1"})).isInstanceOf(IllegalArgumentException.class);
        assertThat(BenchOptions.parse(new String[0]).asMap()).isEqualTo(java.util.Map.of());
    }
}
