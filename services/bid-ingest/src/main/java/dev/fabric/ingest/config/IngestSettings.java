package dev.fabric.ingest.config;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Start-up checks of {@link IngestConfig}: every problem found, in one message. */
public final class IngestSettings {

    /** Names end up in a transactional id and a cursor key: keep them plain. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    private IngestSettings() {
    }

    public static void validate(IngestConfig config) {
        List<String> problems = new java.util.ArrayList<>();
        if (config.heads().isEmpty()) {
            problems.add("fabric.ingest.heads is empty: configure at least one {name, ws-url}");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < config.heads().size(); i++) {
            IngestConfig.Head head = config.heads().get(i);
            String where = "fabric.ingest.heads[" + i + "]";
            if (head.name() == null || !NAME.matcher(head.name()).matches()) {
                problems.add(where + ".name must match " + NAME.pattern() + ", got '" + head.name() + "'");
            } else if (!names.add(head.name())) {
                problems.add(where + ".name '" + head.name() + "' is used twice: names key the cursor and the transactional id");
            }
            checkUri(problems, where + ".ws-url", head.wsUrl(), Set.of("ws", "wss", "http", "https"));
            head.httpUrl().ifPresent(uri -> checkUri(problems, where + ".http-url", uri, Set.of("http", "https")));
        }
        if (config.networkId() < 0 || config.networkId() > 15) {
            problems.add("fabric.ingest.network-id is a 4-bit address network id (0 test networks, 1 mainnet), got " + config.networkId());
        }
        if (config.transactions().maxRecords() < 1 || config.transactions().queueCapacity() < 1) {
            problems.add("fabric.ingest.transactions.max-records and queue-capacity must be positive");
        }
        if (config.marketProgressInterval() == null || config.marketProgressInterval().isNegative()) {
            problems.add("fabric.ingest.market-progress-interval must be zero (mark every silent partition on every snapshot) or positive, got "
                    + config.marketProgressInterval());
        }
        if (config.transactions().idleCommit() == null || config.transactions().idleCommit().isNegative()) {
            problems.add("fabric.ingest.transactions.idle-commit must be zero (never) or positive, got " + config.transactions().idleCommit());
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid bid-ingest configuration:\n  - " + String.join("\n  - ", problems));
        }
    }

    private static void checkUri(List<String> problems, String key, URI uri, Set<String> schemes) {
        if (uri == null || uri.getScheme() == null || !schemes.contains(uri.getScheme().toLowerCase()) || uri.getHost() == null) {
            problems.add(key + " must be a " + schemes + " URL with a host, got " + uri);
        }
    }

    /** The HTTP API of a head: configured, or the WebSocket URL's host and port. */
    public static URI httpUri(IngestConfig.Head head) {
        return head.httpUrl().orElseGet(() -> {
            URI ws = head.wsUrl();
            String scheme = ws.getScheme().equalsIgnoreCase("wss") || ws.getScheme().equalsIgnoreCase("https") ? "https" : "http";
            return URI.create(scheme + "://" + ws.getRawAuthority());
        });
    }
}
