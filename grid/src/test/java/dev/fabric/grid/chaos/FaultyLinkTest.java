package dev.fabric.grid.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultyLinkTest {

    private ServerSocket echo;
    private FaultyLink link;

    @BeforeEach
    void startEchoBehindLink() throws IOException {
        echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread server = new Thread(() -> {
            while (!echo.isClosed()) {
                try {
                    Socket s = echo.accept();
                    Thread t = new Thread(() -> {
                        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                            in.transferTo(out);
                        } catch (IOException ignored) {
                            // peer gone
                        }
                    });
                    t.setDaemon(true);
                    t.start();
                } catch (IOException closed) {
                    return;
                }
            }
        });
        server.setDaemon(true);
        server.start();
        link = FaultyLink.start(0, echo.getLocalPort());
    }

    @AfterEach
    void stop() throws IOException {
        link.close();
        echo.close();
    }

    @Test
    void shouldRelayBytesBothWays() throws IOException {
        try (Socket client = connect()) {
            assertThat(roundTrip(client, "ping")).isEqualTo("ping");
        }
        assertThat(link.connections()).isEqualTo(1);
    }

    @Test
    void shouldCutEveryOpenConnectionAndAcceptNewOnes() throws IOException {
        try (Socket first = connect(); Socket second = connect()) {
            roundTrip(first, "a");
            roundTrip(second, "b");
            assertThat(link.dropAll()).as("client and upstream sockets of both").isEqualTo(4);
            assertThat(first.getInputStream().read()).as("end of stream after the drop").isEqualTo(-1);
        }
        try (Socket again = connect()) {
            assertThat(roundTrip(again, "back")).isEqualTo("back");
        }
    }

    @Test
    void shouldHoldBytesWhileStalledAndDeliverThemAfter() throws IOException {
        try (Socket client = connect()) {
            roundTrip(client, "warm");
            link.stall(Duration.ofMillis(1_500));
            client.getOutputStream().write("late".getBytes());
            client.setSoTimeout(500);
            assertThatThrownBy(() -> client.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
            client.setSoTimeout(5_000);
            assertThat(new String(client.getInputStream().readNBytes(4))).isEqualTo("late");
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), link.port());
        socket.setSoTimeout(5_000);
        return socket;
    }

    private static String roundTrip(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes());
        return new String(socket.getInputStream().readNBytes(text.length()));
    }
}
