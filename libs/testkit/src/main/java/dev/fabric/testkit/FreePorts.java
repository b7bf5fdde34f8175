package dev.fabric.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A block of free loopback ports for a grid that must not collide with another (tests, benchmarks, chaos runs).
 *
 * <p>The block lies below the kernel's ephemeral range: a port there that is free now stays free until a grid
 * process binds it, because no outgoing connection is ever given one as its local port. A block from the ephemeral
 * range (what {@code new ServerSocket(0)} hands out) can be taken by any of the grid's own Kafka or HTTP clients
 * between the probe and the service's bind, or while a chaos run has the service stopped.
 */
public final class FreePorts {

    /** Lowest port handed out: clear of the well-known and most registered service ports. */
    static final int LOWEST = 10_000;
    /** Linux's default when {@code /proc} does not say (macOS and Windows start theirs higher still). */
    static final int DEFAULT_EPHEMERAL_START = 32_768;
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

    private FreePorts() {
    }

    public static int block(int count) throws IOException {
        int end = ephemeralStart() - count;
        if (end <= LOWEST) {
            throw new IOException("no room for " + count + " ports between " + LOWEST + " and the ephemeral range at " + ephemeralStart());
        }
        for (int attempt = 0; attempt < 50; attempt++) {
            int candidate = ThreadLocalRandom.current().nextInt(LOWEST, end);
            if (free(candidate, count)) {
                return candidate;
            }
        }
        throw new IOException("no block of " + count + " free ports between " + LOWEST + " and " + (end + count));
    }

    /** The first port the kernel may give an outgoing connection. */
    static int ephemeralStart() {
        // a reader, not Files.readString: that sizes its read by the file's reported size, which /proc gets wrong
        try (BufferedReader range = Files.newBufferedReader(EPHEMERAL_RANGE)) {
            return parseEphemeralStart(String.valueOf(range.readLine()));
        } catch (IOException | RuntimeException unreadable) {
            return DEFAULT_EPHEMERAL_START;
        }
    }

    /** Reads the first number of {@code ip_local_port_range} ("32768\t60999"). */
    static int parseEphemeralStart(String range) {
        String first = range.strip().split("\\s+")[0];
        int start = Integer.parseInt(first);
        if (start < 1 || start > 65_535) {
            throw new IllegalArgumentException("not a port: " + first);
        }
        return start;
    }

    private static boolean free(int from, int count) {
        for (int port = from; port < from + count; port++) {
            try (ServerSocket socket = new ServerSocket(port)) {
                socket.setReuseAddress(true);
            } catch (IOException taken) {
                return false;
            }
        }
        return true;
    }
}
