package dev.fabric.deployer.domain;

import java.math.BigInteger;
import java.util.Objects;

/**
 * The default pricing: per-resource unit prices × duration, plus a surcharge that grows linearly
 * from 0 at {@code surchargeThresholdBps} utilisation to {@code surchargeMaxBps} at a full cluster
 * (scarce capacity is worth more), never below the operator's cost floor nor the bid's minimum,
 * declined when that lower bound is above the bid's maximum.
 *
 * <p>Integer arithmetic throughout (lovelace are whole); every division rounds up, so rounding
 * never sells below the configured unit prices.
 */
public record UnitPricePolicy(UnitPrices unitPrices, long costFloorLovelace, int surchargeThresholdBps, int surchargeMaxBps)
        implements PricingPolicy {

    private static final BigInteger SECONDS_PER_HOUR = BigInteger.valueOf(3600);
    private static final BigInteger MILLIS_PER_CORE = BigInteger.valueOf(1000);
    private static final BigInteger MIB_PER_GIB = BigInteger.valueOf(1024);
    private static final BigInteger BPS = BigInteger.valueOf(10_000);

    public UnitPricePolicy {
        Objects.requireNonNull(unitPrices, "unitPrices");
        if (costFloorLovelace < 0) {
            throw new IllegalArgumentException("cost floor must not be negative, got " + costFloorLovelace);
        }
        if (surchargeThresholdBps < 0 || surchargeThresholdBps >= 10_000) {
            throw new IllegalArgumentException("surcharge threshold must be in 0..9999 bps, got " + surchargeThresholdBps);
        }
        if (surchargeMaxBps < 0) {
            throw new IllegalArgumentException("surcharge must not be negative, got " + surchargeMaxBps);
        }
    }

    @Override
    public Quote quote(BidTerms bid, InventorySnapshot inventory) {
        if (bid.minPrice() > bid.maxPrice()) {
            return new Quote.Declined("bid price range is empty: minPrice " + bid.minPrice() + " > maxPrice " + bid.maxPrice());
        }
        BigInteger base = base(bid.request(), bid.durationSeconds());
        int utilisation = inventory.utilisationBpsWith(bid.request());
        long surchargeBps = surchargeBps(utilisation);
        BigInteger surcharge = ceilDiv(base.multiply(BigInteger.valueOf(surchargeBps)), BPS);
        BigInteger computed = base.add(surcharge);

        BigInteger floor = BigInteger.valueOf(Math.max(costFloorLovelace, bid.minPrice()));
        BigInteger price = computed.max(floor);
        String bound = price.equals(computed) ? "quote" : costFloorLovelace >= bid.minPrice() ? "cost floor" : "bid minPrice";
        String detail = "base " + base + " + surcharge " + surcharge + " (" + surchargeBps + " bps at " + utilisation
                + " bps utilisation) = " + computed + "; asking " + price + " (" + bound + ")";
        if (price.compareTo(BigInteger.valueOf(bid.maxPrice())) > 0) {
            return new Quote.Declined("price " + price + " above the bid's maxPrice " + bid.maxPrice() + ": " + detail);
        }
        return new Quote.Priced(price.longValueExact(), detail);
    }

    /** Unit prices × duration, before the surcharge. */
    BigInteger base(Capacity request, long durationSeconds) {
        BigInteger seconds = BigInteger.valueOf(durationSeconds);
        BigInteger cpu = ceilDiv(BigInteger.valueOf(request.cpuMillis()).multiply(BigInteger.valueOf(unitPrices.cpuCoreHour())).multiply(seconds),
                MILLIS_PER_CORE.multiply(SECONDS_PER_HOUR));
        BigInteger memory = ceilDiv(BigInteger.valueOf(request.memoryMiB()).multiply(BigInteger.valueOf(unitPrices.memoryGiBHour())).multiply(seconds),
                MIB_PER_GIB.multiply(SECONDS_PER_HOUR));
        BigInteger storage = ceilDiv(BigInteger.valueOf(request.storageGiB()).multiply(BigInteger.valueOf(unitPrices.storageGiBHour())).multiply(seconds),
                SECONDS_PER_HOUR);
        BigInteger gpu = ceilDiv(BigInteger.valueOf(request.gpus()).multiply(BigInteger.valueOf(unitPrices.gpuHour())).multiply(seconds),
                SECONDS_PER_HOUR);
        return cpu.add(memory).add(storage).add(gpu);
    }

    long surchargeBps(int utilisationBps) {
        if (utilisationBps <= surchargeThresholdBps) {
            return 0;
        }
        long span = 10_000L - surchargeThresholdBps;
        return ceilDiv(BigInteger.valueOf(surchargeMaxBps).multiply(BigInteger.valueOf(utilisationBps - surchargeThresholdBps)),
                BigInteger.valueOf(span)).longValueExact();
    }

    private static BigInteger ceilDiv(BigInteger a, BigInteger b) {
        BigInteger[] qr = a.divideAndRemainder(b);
        return qr[1].signum() > 0 ? qr[0].add(BigInteger.ONE) : qr[0];
    }
}
