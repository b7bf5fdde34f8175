package dev.fabric.deployer.domain;

/**
 * Lovelace per unit-hour of each resource. Per-hour units keep the numbers integral for realistic
 * prices (a millicore-second would be a fraction of a lovelace).
 */
public record UnitPrices(long cpuCoreHour, long memoryGiBHour, long storageGiBHour, long gpuHour) {

    public UnitPrices {
        if (cpuCoreHour < 0 || memoryGiBHour < 0 || storageGiBHour < 0 || gpuHour < 0) {
            throw new IllegalArgumentException("unit prices must not be negative");
        }
    }
}
