package dev.fabric.hydra.client;

/**
 * Why a connection ended.
 *
 * @param closeCode the WebSocket close code when the server closed, else -1
 * @param cause     the failure, when there was one, else null
 */
public record DisconnectReason(Kind kind, String detail, int closeCode, Throwable cause) {

    public enum Kind {
        /** The WebSocket handshake did not succeed (node down, refused, timed out). */
        CONNECT_FAILED,
        /** The server sent a close frame (node shutting down or restarting). */
        CLOSED_BY_SERVER,
        /** The connection broke (reset, I/O error). */
        FAILED,
        /** Nothing arrived, not even a pong, for longer than the idle timeout. */
        IDLE_TIMEOUT,
        /** {@link HeadConnection#close()} was called; no reconnect follows. */
        CLOSED_BY_CLIENT
    }

    static DisconnectReason of(Kind kind, String detail) {
        return new DisconnectReason(kind, detail, -1, null);
    }

    static DisconnectReason failed(Kind kind, Throwable cause) {
        return new DisconnectReason(kind, String.valueOf(cause), -1, cause);
    }

    @Override
    public String toString() {
        return kind + (closeCode >= 0 ? " (" + closeCode + ")" : "") + ": " + detail;
    }
}
