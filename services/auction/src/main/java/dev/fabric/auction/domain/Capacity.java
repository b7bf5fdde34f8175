package dev.fabric.auction.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * Compute resources, either asked for by a bid or committed by an offer. Storage and GPUs may be
 * zero (not every workload needs them); CPU and memory may not.
 */
public record Capacity(long cpuMillis, long memoryMiB, long storageGiB, int gpus) {

    /** What makes a capacity meaningless; empty when it is usable. */
    public List<String> violations(String what) {
        List<String> problems = new ArrayList<>(4);
        if (cpuMillis <= 0) {
            problems.add(what + ".cpuMillis must be > 0, got " + cpuMillis);
        }
        if (memoryMiB <= 0) {
            problems.add(what + ".memoryMiB must be > 0, got " + memoryMiB);
        }
        if (storageGiB < 0) {
            problems.add(what + ".storageGiB must be >= 0, got " + storageGiB);
        }
        if (gpus < 0) {
            problems.add(what + ".gpus must be >= 0, got " + gpus);
        }
        return problems;
    }

    /** Whether this capacity is at least {@code request} in every dimension. */
    public boolean covers(Capacity request) {
        return cpuMillis >= request.cpuMillis && memoryMiB >= request.memoryMiB
                && storageGiB >= request.storageGiB && gpus >= request.gpus;
    }

    /** The dimensions in which this capacity falls short of {@code request}, e.g. "cpuMillis 1000 < 2000". */
    public String shortfall(Capacity request) {
        List<String> shorts = new ArrayList<>(4);
        if (cpuMillis < request.cpuMillis) {
            shorts.add("cpuMillis " + cpuMillis + " < " + request.cpuMillis);
        }
        if (memoryMiB < request.memoryMiB) {
            shorts.add("memoryMiB " + memoryMiB + " < " + request.memoryMiB);
        }
        if (storageGiB < request.storageGiB) {
            shorts.add("storageGiB " + storageGiB + " < " + request.storageGiB);
        }
        if (gpus < request.gpus) {
            shorts.add("gpus " + gpus + " < " + request.gpus);
        }
        return String.join(", ", shorts);
    }
}
