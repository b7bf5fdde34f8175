package dev.fabric.devnet.server;

import io.vertx.core.http.ServerWebSocket;
import java.util.Map;

/**
 * One WebSocket client and what it asked for in its query string ({@code history},
 * {@code snapshot-utxo}, {@code address}). Unknown parameters are ignored and a malformed query
 * means defaults, as hydra-node does.
 */
final class Connection {

    private final ServerWebSocket socket;
    private final boolean history;
    private final boolean snapshotUtxo;
    private final String address;

    private Connection(ServerWebSocket socket, boolean history, boolean snapshotUtxo, String address) {
        this.socket = socket;
        this.history = history;
        this.snapshotUtxo = snapshotUtxo;
        this.address = address;
    }

    static Connection of(ServerWebSocket socket) {
        Map<String, String> query = QueryParameters.parse(socket.query());
        String address = query.get("address");
        return new Connection(socket,
                "yes".equals(query.get("history")),
                !"no".equals(query.get("snapshot-utxo")),
                address == null || address.isBlank() ? null : address);
    }

    boolean wantsHistory() {
        return history;
    }

    boolean wantsSnapshotUtxo() {
        return snapshotUtxo;
    }

    /** The {@code address} filter, or null. */
    String address() {
        return address;
    }

    void send(String frame) {
        if (!socket.isClosed()) {
            socket.writeTextMessage(frame);
        }
    }

    void close() {
        if (!socket.isClosed()) {
            socket.close((short) 1001, "devnet dropped the connection");
        }
    }

    ServerWebSocket socket() {
        return socket;
    }
}
