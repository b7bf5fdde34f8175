package dev.fabric.hydra.client;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.random.RandomGenerator;

/**
 * How to connect to a hydra-node. Checked when built, so a bad setting fails at start-up with a
 * clear message.
 *
 * @param nodeUri        the node's API, e.g. {@code http://127.0.0.1:4001} ({@code ws}/{@code wss}
 *                       and {@code http}/{@code https} are all accepted; one port serves both)
 * @param history        ask for the replay of persisted outputs ({@code history=yes}); the node's
 *                       default is no since 0.21.0
 * @param snapshotUtxo   receive the full UTxO in every {@code SnapshotConfirmed}; off by default,
 *                       because it can be large
 * @param addressFilter  bech32 address: the node then only sends the {@code SnapshotConfirmed}s with
 *                       an output to it; null for all
 * @param resumeAfterSeq outputs with a {@code seq} up to this are dropped (e.g. a persisted cursor);
 *                       empty to deliver everything
 * @param pingInterval   how often the client pings, so a dead peer is noticed
 * @param idleTimeout    how long without any frame (outputs, pings, pongs) before the connection is
 *                       dropped and re-established
 * @param maxFrameChars  larger messages are skipped as malformed rather than buffered without bound
 */
public record HeadConnectionConfig(
        URI nodeUri,
        boolean history,
        boolean snapshotUtxo,
        String addressFilter,
        OptionalLong resumeAfterSeq,
        ReconnectBackoff backoff,
        Duration connectTimeout,
        Duration pingInterval,
        Duration idleTimeout,
        int maxFrameChars,
        RandomGenerator random) {

    public HeadConnectionConfig {
        Objects.requireNonNull(nodeUri, "nodeUri");
        String scheme = String.valueOf(nodeUri.getScheme()).toLowerCase();
        if (!scheme.equals("ws") && !scheme.equals("wss") && !scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("nodeUri must be ws, wss, http or https: " + nodeUri);
        }
        if (nodeUri.getHost() == null) {
            throw new IllegalArgumentException("nodeUri has no host: " + nodeUri);
        }
        if (addressFilter != null && addressFilter.isBlank()) {
            // An empty filter used to filter everything out (hydra #2825); treat it as no filter.
            addressFilter = null;
        }
        Objects.requireNonNull(resumeAfterSeq, "resumeAfterSeq");
        Objects.requireNonNull(backoff, "backoff");
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(pingInterval, "pingInterval");
        requirePositive(idleTimeout, "idleTimeout");
        if (idleTimeout.compareTo(pingInterval) <= 0) {
            throw new IllegalArgumentException("idleTimeout " + idleTimeout + " must exceed pingInterval " + pingInterval
                    + ", or every quiet connection is dropped before its pong can arrive");
        }
        if (maxFrameChars < 1024) {
            throw new IllegalArgumentException("maxFrameChars is too small for any snapshot: " + maxFrameChars);
        }
        Objects.requireNonNull(random, "random");
    }

    public static Builder builder(URI nodeUri) {
        return new Builder(nodeUri);
    }

    public static Builder builder(String nodeUri) {
        return new Builder(URI.create(nodeUri));
    }

    /** The WebSocket URI with the query this configuration asks for. */
    public URI webSocketUri() {
        StringBuilder query = new StringBuilder()
                .append("history=").append(history ? "yes" : "no")
                .append("&snapshot-utxo=").append(snapshotUtxo ? "yes" : "no");
        if (addressFilter != null) {
            query.append("&address=").append(URLEncoder.encode(addressFilter, StandardCharsets.UTF_8));
        }
        return URI.create(withScheme(webSocketScheme()) + "/?" + query);
    }

    /** The base URI of the HTTP endpoints on the same port. */
    public URI httpUri() {
        return URI.create(withScheme(httpScheme()));
    }

    private String webSocketScheme() {
        String scheme = nodeUri.getScheme().toLowerCase();
        return scheme.equals("https") || scheme.equals("wss") ? "wss" : "ws";
    }

    private String httpScheme() {
        String scheme = nodeUri.getScheme().toLowerCase();
        return scheme.equals("https") || scheme.equals("wss") ? "https" : "http";
    }

    private String withScheme(String scheme) {
        return scheme + "://" + nodeUri.getRawAuthority();
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + duration);
        }
    }

    public static final class Builder {
        private final URI nodeUri;
        private boolean history = true;
        private boolean snapshotUtxo;
        private String addressFilter;
        private OptionalLong resumeAfterSeq = OptionalLong.empty();
        private ReconnectBackoff backoff = ReconnectBackoff.DEFAULT;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration pingInterval = Duration.ofSeconds(30);
        private Duration idleTimeout = Duration.ofSeconds(90);
        private int maxFrameChars = 256 * 1024 * 1024;
        private RandomGenerator random = RandomGenerator.getDefault();

        private Builder(URI nodeUri) {
            this.nodeUri = nodeUri;
        }

        public Builder history(boolean history) {
            this.history = history;
            return this;
        }

        public Builder snapshotUtxo(boolean snapshotUtxo) {
            this.snapshotUtxo = snapshotUtxo;
            return this;
        }

        public Builder addressFilter(String addressFilter) {
            this.addressFilter = addressFilter;
            return this;
        }

        public Builder resumeAfterSeq(long seq) {
            this.resumeAfterSeq = OptionalLong.of(seq);
            return this;
        }

        public Builder backoff(ReconnectBackoff backoff) {
            this.backoff = backoff;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        public Builder pingInterval(Duration pingInterval) {
            this.pingInterval = pingInterval;
            return this;
        }

        public Builder idleTimeout(Duration idleTimeout) {
            this.idleTimeout = idleTimeout;
            return this;
        }

        public Builder maxFrameChars(int maxFrameChars) {
            this.maxFrameChars = maxFrameChars;
            return this;
        }

        /** The source of reconnect jitter; inject a seeded one for reproducible tests. */
        public Builder random(RandomGenerator random) {
            this.random = random;
            return this;
        }

        public HeadConnectionConfig build() {
            return new HeadConnectionConfig(nodeUri, history, snapshotUtxo, addressFilter, resumeAfterSeq, backoff,
                    connectTimeout, pingInterval, idleTimeout, maxFrameChars, random);
        }
    }
}
