package dev.fabric.settlement.adapter;

import dev.fabric.hydra.api.TxIn;
import dev.fabric.hydra.api.TxOut;
import dev.fabric.hydra.api.Utxo;
import dev.fabric.hydra.client.HydraHttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The head's confirmed UTxO ({@code GET /snapshot/utxo}), fetched on demand and shared: a burst of
 * awards, or a round of inspections, costs one fetch, not one per transaction.
 *
 * <p>Builders may read a slightly old view (a stale input only makes the head reject the
 * transaction, which is then inspected against a fresh view); inspections always ask for a view
 * no older than {@code freshness}.
 */
public final class HeadUtxoView {

    private final HydraHttpClient http;
    private final Clock clock;
    private final Duration freshness;
    private Map<TxIn, TxOut> outputs = Map.of();
    private Instant fetchedAt = Instant.EPOCH;
    private long fetches;

    public HeadUtxoView(HydraHttpClient http, Clock clock, Duration freshness) {
        this.http = Objects.requireNonNull(http, "http");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.freshness = Objects.requireNonNull(freshness, "freshness");
    }

    /**
     * An output, from the cached view if it has it, else from a refreshed one: a miss is always
     * re-checked, since an input the decision names was confirmed before the decision was made and
     * is only absent from the head if something spent it.
     */
    public synchronized Optional<TxOut> output(TxIn ref) {
        TxOut cached = outputs.get(ref);
        if (cached != null) {
            return Optional.of(cached);
        }
        return Optional.ofNullable(refresh().get(ref));
    }

    /** A view no older than the freshness bound. */
    public synchronized Map<TxIn, TxOut> fresh() {
        if (Duration.between(fetchedAt, clock.instant()).compareTo(freshness) >= 0) {
            refresh();
        }
        return outputs;
    }

    /** Fetches now, whatever the age of the cached view. */
    public synchronized Map<TxIn, TxOut> refresh() {
        Utxo utxo;
        try {
            utxo = http.snapshotUtxo().orElseThrow(() -> new HeadUnavailableException("the head was never opened (GET /snapshot/utxo: 404)"));
        } catch (HeadUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new HeadUnavailableException("cannot read the head's UTxO: " + e.getMessage(), e);
        }
        outputs = utxo.outputs();
        fetchedAt = clock.instant();
        fetches++;
        return outputs;
    }

    public synchronized long fetches() {
        return fetches;
    }
}
