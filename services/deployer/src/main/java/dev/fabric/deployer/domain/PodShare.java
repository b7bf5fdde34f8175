package dev.fabric.deployer.domain;

/**
 * The resources one pod of a workload gets: the request split evenly over the replicas, rounded
 * down, so that replicas × share never exceeds the request (and so the namespace quota).
 *
 * @param ephemeralStorageMiB scratch space per pod, from the request's storage
 */
public record PodShare(long cpuMillis, long memoryMiB, long ephemeralStorageMiB, int gpus) {

    /** Splits {@code request} over {@code replicas} (callers validated replicas >= 1). */
    public static PodShare of(Capacity request, int replicas) {
        if (replicas < 1) {
            throw new IllegalArgumentException("replicas must be >= 1, got " + replicas);
        }
        return new PodShare(request.cpuMillis() / replicas, request.memoryMiB() / replicas,
                request.storageGiB() * 1024 / replicas, request.gpus() / replicas);
    }
}
