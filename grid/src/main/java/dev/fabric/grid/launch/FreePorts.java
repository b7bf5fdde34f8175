package dev.fabric.grid.launch;

import java.io.IOException;
import java.net.ServerSocket;

/** A block of free loopback ports for a grid that must not collide with another (tests, benchmarks, chaos runs). */
public final class FreePorts {

    private FreePorts() {
    }

    public static int block(int count) throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int candidate;
            try (ServerSocket probe = new ServerSocket(0)) {
                candidate = probe.getLocalPort();
            }
            if (candidate + count < 65535 && free(candidate, count)) {
                return candidate;
            }
        }
        throw new IOException("no block of " + count + " free ports");
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
