package dev.fabric.plutus.datum;

import com.bloxbean.cardano.client.plutus.spec.PlutusData;
import com.bloxbean.cardano.client.util.HexUtil;

import java.util.List;
import java.util.Optional;

/**
 * What an application asks for: resources, for how long, where (optional region, UTF-8) and which
 * workload (blake2b-256 of the canonical workload spec, hex).
 */
public record Request(long cpuMillis, long memoryMiB, long storageGiB, long gpus, long durationSeconds,
                      Optional<String> region, String workloadHash) {

    static final String TYPE = "Request";

    public Request {
        requireNonNegative("cpuMillis", cpuMillis);
        requireNonNegative("memoryMiB", memoryMiB);
        requireNonNegative("storageGiB", storageGiB);
        requireNonNegative("gpus", gpus);
        if (durationSeconds <= 0) {
            throw new IllegalArgumentException("durationSeconds must be > 0, got " + durationSeconds);
        }
        region = region == null ? Optional.empty() : region;
        if (!LowerHex.is(workloadHash, 64)) {
            throw new IllegalArgumentException("workloadHash must be 32 bytes as lowercase hex, got " + workloadHash);
        }
    }

    public Resources resources() {
        return new Resources(cpuMillis, memoryMiB, storageGiB, gpus);
    }

    public PlutusData toPlutusData() {
        return DataWriter.constr(0,
                DataWriter.integer(cpuMillis),
                DataWriter.integer(memoryMiB),
                DataWriter.integer(storageGiB),
                DataWriter.integer(gpus),
                DataWriter.integer(durationSeconds),
                DataWriter.option(region, DataWriter::utf8),
                DataWriter.bytes(HexUtil.decodeHexString(workloadHash)));
    }

    static Request read(PlutusData data, String path) {
        List<PlutusData> f = DataReader.constr(data, path, 0, 7);
        long cpu = DataReader.nonNegativeLong(f.get(0), path + ".cpuMillis");
        long memory = DataReader.nonNegativeLong(f.get(1), path + ".memoryMiB");
        long storage = DataReader.nonNegativeLong(f.get(2), path + ".storageGiB");
        long gpus = DataReader.nonNegativeLong(f.get(3), path + ".gpus");
        long duration = DataReader.nonNegativeLong(f.get(4), path + ".durationSeconds");
        Optional<String> region = DataReader.option(f.get(5), path + ".region", DataReader::utf8);
        String workloadHash = java.util.HexFormat.of().formatHex(DataReader.bytesOfLength(f.get(6), path + ".workloadHash", 32));
        return DataReader.construct(path, () -> new Request(cpu, memory, storage, gpus, duration, region, workloadHash));
    }

    static void requireNonNegative(String field, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must be >= 0, got " + value);
        }
    }
}
