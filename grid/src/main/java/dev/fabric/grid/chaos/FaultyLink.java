package dev.fabric.grid.chaos;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * A loopback TCP relay between the services and the Hydra head that can fail on command: drop
 * every open connection at once (as a node restart or a network cut would), or stall (stop
 * forwarding bytes in both directions for a while: a frozen node, a full buffer). Both are what
 * the head connection of a real deployment goes through; the services must lose nothing.
 */
public final class FaultyLink implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(FaultyLink.class);

    private final ServerSocket server;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong connections = new AtomicLong();
    private volatile Instant stalledUntil = Instant.MIN;
    private volatile boolean closed;

    private FaultyLink(ServerSocket server, int targetPort) {
        this.server = server;
        this.targetPort = targetPort;
    }

    /** Listens on {@code port} (0 = any free port) of the loopback and relays to {@code targetPort}. */
    public static FaultyLink start(int port, int targetPort) {
        try {
            ServerSocket server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            FaultyLink link = new FaultyLink(server, targetPort);
            Thread acceptor = new Thread(link::accept, "faulty-link-" + targetPort);
            acceptor.setDaemon(true);
            acceptor.start();
            return link;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot listen on port " + port + " for the head link", e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Connections accepted so far (a dropped client that reconnects counts again). */
    public long connections() {
        return connections.get();
    }

    /** Closes every open connection (both of its sockets); new ones are accepted as before. Returns the sockets cut. */
    public int dropAll() {
        // a copy first: closing one side makes its pump close (and unregister) the other meanwhile
        List<Socket> cut = List.copyOf(open);
        cut.forEach(this::closeQuietly);
        return cut.size();
    }

    /** Forwards nothing, either way, for {@code duration}; connections stay open. */
    public void stall(Duration duration) {
        stalledUntil = Instant.now().plus(duration);
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                open.add(client);
                open.add(upstream);
                connections.incrementAndGet();
                pump(client, upstream, "up");
                pump(upstream, client, "down");
            } catch (IOException e) {
                if (!closed) {
                    LOG.debugf("head link could not relay a connection: %s", e.getMessage());
                }
            }
        }
    }

    private void pump(Socket from, Socket to, String direction) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    awaitUnstalled();
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException cut) {
                // one side closed or was dropped: close the other so the peer sees it too
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "faulty-link-" + direction);
        thread.setDaemon(true);
        thread.start();
    }

    private void awaitUnstalled() {
        while (Instant.now().isBefore(stalledUntil)) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void closeQuietly(Socket socket) {
        open.remove(socket);
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        dropAll();
    }
}
