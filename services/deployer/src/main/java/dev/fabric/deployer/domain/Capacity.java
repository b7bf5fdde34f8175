package dev.fabric.deployer.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * An amount of compute: what a bid asks for, what the cluster can allocate, what a reservation
 * holds. Every component is a whole, non-negative number in the unit the bid datum uses.
 */
public record Capacity(long cpuMillis, long memoryMiB, long storageGiB, int gpus) {

    public static final Capacity ZERO = new Capacity(0, 0, 0, 0);

    public Capacity {
        if (cpuMillis < 0 || memoryMiB < 0 || storageGiB < 0 || gpus < 0) {
            throw new IllegalArgumentException("capacity must not be negative: cpu=" + cpuMillis + "m memory=" + memoryMiB
                    + "Mi storage=" + storageGiB + "Gi gpus=" + gpus);
        }
    }

    public Capacity plus(Capacity other) {
        return new Capacity(Math.addExact(cpuMillis, other.cpuMillis), Math.addExact(memoryMiB, other.memoryMiB),
                Math.addExact(storageGiB, other.storageGiB), Math.addExact(gpus, other.gpus));
    }

    /** Component-wise difference, never below zero (an overbooked resource has nothing free, not a debt). */
    public Capacity minusFloored(Capacity other) {
        return new Capacity(Math.max(0, cpuMillis - other.cpuMillis), Math.max(0, memoryMiB - other.memoryMiB),
                Math.max(0, storageGiB - other.storageGiB), Math.max(0, gpus - other.gpus));
    }

    /** Component-wise minimum: an operator may sell less than its nodes have. */
    public Capacity min(Capacity other) {
        return new Capacity(Math.min(cpuMillis, other.cpuMillis), Math.min(memoryMiB, other.memoryMiB),
                Math.min(storageGiB, other.storageGiB), Math.min(gpus, other.gpus));
    }

    public boolean fitsWithin(Capacity limit) {
        return shortfalls(limit).isEmpty();
    }

    /** What does not fit into {@code limit}, one readable entry per resource; empty when it fits. */
    public List<String> shortfalls(Capacity limit) {
        List<String> out = new ArrayList<>();
        if (cpuMillis > limit.cpuMillis) {
            out.add("cpu " + cpuMillis + "m > " + limit.cpuMillis + "m");
        }
        if (memoryMiB > limit.memoryMiB) {
            out.add("memory " + memoryMiB + "Mi > " + limit.memoryMiB + "Mi");
        }
        if (storageGiB > limit.storageGiB) {
            out.add("storage " + storageGiB + "Gi > " + limit.storageGiB + "Gi");
        }
        if (gpus > limit.gpus) {
            out.add("gpus " + gpus + " > " + limit.gpus);
        }
        return out;
    }

    /**
     * How full {@code total} is when this amount is used, in basis points of its most used resource
     * (the bottleneck decides whether the next bid fits). A resource the cluster lacks entirely
     * counts as full only when something asks for it.
     */
    public int utilisationBpsOf(Capacity total) {
        long worst = Math.max(Math.max(bps(cpuMillis, total.cpuMillis), bps(memoryMiB, total.memoryMiB)),
                Math.max(bps(storageGiB, total.storageGiB), bps(gpus, total.gpus)));
        return (int) Math.min(worst, 10_000);
    }

    private static long bps(long used, long total) {
        if (total == 0) {
            return used == 0 ? 0 : 10_000;
        }
        if (used >= total) {
            return 10_000;
        }
        return java.math.BigInteger.valueOf(used).multiply(java.math.BigInteger.valueOf(10_000))
                .divide(java.math.BigInteger.valueOf(total)).longValue();
    }

    @Override
    public String toString() {
        return "cpu=" + cpuMillis + "m memory=" + memoryMiB + "Mi storage=" + storageGiB + "Gi gpus=" + gpus;
    }
}
