package dev.fabric.deployer.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CapacityTest {

    @ParameterizedTest(name = "{0}m/{1}Mi used of 1000m/1000Mi/0 gpus, {2} gpus asked -> {3} bps")
    @CsvSource({
            "0,    0,   0, 0",
            "500,  0,   0, 5000",
            "500,  900, 0, 9000",
            "1000, 0,   0, 10000",
            "2000, 0,   0, 10000",
            "0,    0,   1, 10000",
            "1,    0,   0, 10",
    })
    void shouldMeasureUtilisationByTheMostUsedResource(long cpu, long memory, int gpus, int expectedBps) {
        Capacity total = new Capacity(1000, 1000, 0, 0);

        assertThat(new Capacity(cpu, memory, 0, gpus).utilisationBpsOf(total)).isEqualTo(expectedBps);
    }

    @Test
    void shouldListEveryShortfall() {
        assertThat(new Capacity(10, 10, 10, 1).shortfalls(new Capacity(5, 10, 1, 0)))
                .containsExactly("cpu 10m > 5m", "storage 10Gi > 1Gi", "gpus 1 > 0");
    }

    @Test
    void shouldNeverGoNegative() {
        assertThat(new Capacity(1, 1, 1, 1).minusFloored(new Capacity(2, 0, 5, 1))).isEqualTo(new Capacity(0, 1, 0, 0));
        assertThatThrownBy(() -> new Capacity(-1, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
