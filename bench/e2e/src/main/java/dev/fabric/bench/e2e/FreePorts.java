package dev.fabric.bench.e2e;

import java.io.IOException;
import java.net.ServerSocket;

/** A block of free ports for one grid, so the bench never collides with a grid another engineer runs. */
final class FreePorts {

    private FreePorts() {
    }

    /** A free port with the next {@code count - 1} free too (the grid numbers its services from it). */
    static int block(int count) throws IOException {
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
