package dev.fabric.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void shouldHandOutABlockNoOutgoingConnectionCanTake() throws IOException {
        int base = FreePorts.block(20);

        assertThat(FreePorts.ephemeralStart()).isGreaterThan(1024);
        assertThat(base).isGreaterThanOrEqualTo(FreePorts.LOWEST);
        assertThat(base + 20).isLessThanOrEqualTo(FreePorts.ephemeralStart());
        for (int port = base; port < base + 20; port++) {
            try (ServerSocket bound = new ServerSocket(port)) {
                assertThat(bound.getLocalPort()).isEqualTo(port);
            }
        }
    }

    @Test
    void shouldReadTheEphemeralRangeTheKernelPrints() {
        assertThat(FreePorts.parseEphemeralStart("32768\t60999\n")).isEqualTo(32_768);
        assertThat(FreePorts.parseEphemeralStart("49152 65535")).isEqualTo(49_152);
    }

    @Test
    void shouldRefuseARangeThatIsNoPort() {
        assertThatThrownBy(() -> FreePorts.parseEphemeralStart("0 60999")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FreePorts.parseEphemeralStart("")).isInstanceOf(NumberFormatException.class);
    }
}
