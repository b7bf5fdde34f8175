package dev.fabric.auction.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CapacityTest {

    private static final Capacity REQUEST = new Capacity(2000, 4096, 20, 1);

    @Test
    void shouldCoverARequestThatFitsInEveryDimension() {
        assertThat(new Capacity(2000, 4096, 20, 1).covers(REQUEST)).isTrue();
        assertThat(new Capacity(8000, 9999, 99, 2).covers(REQUEST)).isTrue();
    }

    @Test
    void shouldNotCoverARequestWhenAnyDimensionIsShort() {
        assertThat(new Capacity(1999, 4096, 20, 1).covers(REQUEST)).isFalse();
        assertThat(new Capacity(2000, 4095, 20, 1).covers(REQUEST)).isFalse();
        assertThat(new Capacity(2000, 4096, 19, 1).covers(REQUEST)).isFalse();
        assertThat(new Capacity(2000, 4096, 20, 0).covers(REQUEST)).isFalse();
    }

    @Test
    void shouldNameEveryShortDimension() {
        assertThat(new Capacity(1000, 4096, 10, 0).shortfall(REQUEST)).isEqualTo("cpuMillis 1000 < 2000, storageGiB 10 < 20, gpus 0 < 1");
    }

    @Test
    void shouldRejectNonPositiveCpuOrMemoryAndNegativeStorageOrGpus() {
        assertThat(new Capacity(0, -1, -1, -1).violations("request")).containsExactly(
                "request.cpuMillis must be > 0, got 0", "request.memoryMiB must be > 0, got -1",
                "request.storageGiB must be >= 0, got -1", "request.gpus must be >= 0, got -1");
        assertThat(new Capacity(1, 1, 0, 0).violations("request")).isEmpty();
    }
}
