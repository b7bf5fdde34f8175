package dev.fabric.settlement.config;

import com.bloxbean.cardano.client.common.model.Network;
import com.bloxbean.cardano.client.common.model.Networks;
import dev.fabric.plutus.eval.SlotTiming;
import dev.fabric.settlement.domain.SettlementTimings;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/** {@link SettlementConfig}, validated and in the types the service uses. */
public record SettlementSettings(SettlementTimings timings, Network network, URI headUri, SlotTiming slotTiming,
                                 Duration awardValidity, Duration requestTimeout, Duration utxoFreshness,
                                 long collateralMinimum, Duration publishTimeout, Duration tick, int maxPerTick,
                                 Duration tickBudget) {

    public static SettlementSettings from(SettlementConfig config) {
        SettlementTimings timings;
        try {
            timings = new SettlementTimings(config.confirmTimeout(), config.chainGrace(), config.refundGrace(),
                    config.retryInitial(), config.retryMax(), config.settledRetention());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("settlement.*: " + e.getMessage(), e);
        }
        requirePositive("settlement.award-validity", config.awardValidity());
        requirePositive("settlement.tick", config.tick());
        requirePositive("settlement.tick-budget", config.tickBudget());
        requirePositive("settlement.head.request-timeout", config.head().requestTimeout());
        requirePositive("settlement.head.slot-length", config.head().slotLength());
        requirePositive("settlement.head.publish-timeout", config.head().publishTimeout());
        if (config.maxPerTick() < 1) {
            throw new IllegalArgumentException("settlement.max-per-tick must be >= 1, got " + config.maxPerTick());
        }
        if (config.head().collateralMinimum() < 1_000_000) {
            throw new IllegalArgumentException("settlement.head.collateral-minimum must be at least 1000000 lovelace, got "
                    + config.head().collateralMinimum());
        }
        URI head;
        try {
            head = URI.create(config.head().httpUrl());
            if (head.getScheme() == null || head.getHost() == null) {
                throw new IllegalArgumentException("no scheme or host");
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("settlement.head.http-url is not a URL: " + config.head().httpUrl(), e);
        }
        SlotTiming slots = new SlotTiming(config.head().systemStart().toEpochMilli(), 0, config.head().slotLength().toMillis());
        return new SettlementSettings(timings, network(config.network()), head, slots, config.awardValidity(),
                config.head().requestTimeout(), config.head().utxoFreshness(), config.head().collateralMinimum(),
                config.head().publishTimeout(), config.tick(), config.maxPerTick(), config.tickBudget());
    }

    static Network network(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "testnet", "preprod" -> Networks.testnet();
            case "preview" -> Networks.preview();
            case "mainnet" -> Networks.mainnet();
            default -> throw new IllegalArgumentException("settlement.network must be testnet, preprod, preview or mainnet, got " + name);
        };
    }

    private static void requirePositive(String property, Duration value) {
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(property + " must be positive, got " + value);
        }
    }
}
