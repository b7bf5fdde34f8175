package dev.fabric.plutus.datum;

import com.bloxbean.cardano.client.plutus.spec.PlutusData;

import java.util.List;

/** Resources an operator offers; an offer covers a request when every field is at least as large. */
public record Resources(long cpuMillis, long memoryMiB, long storageGiB, long gpus) {

    public Resources {
        Request.requireNonNegative("cpuMillis", cpuMillis);
        Request.requireNonNegative("memoryMiB", memoryMiB);
        Request.requireNonNegative("storageGiB", storageGiB);
        Request.requireNonNegative("gpus", gpus);
    }

    /** The rule the Bid validator applies on Award. */
    public boolean covers(Resources requested) {
        return cpuMillis >= requested.cpuMillis && memoryMiB >= requested.memoryMiB
                && storageGiB >= requested.storageGiB && gpus >= requested.gpus;
    }

    public PlutusData toPlutusData() {
        return DataWriter.constr(0, DataWriter.integer(cpuMillis), DataWriter.integer(memoryMiB),
                DataWriter.integer(storageGiB), DataWriter.integer(gpus));
    }

    static Resources read(PlutusData data, String path) {
        List<PlutusData> f = DataReader.constr(data, path, 0, 4);
        return new Resources(
                DataReader.nonNegativeLong(f.get(0), path + ".cpuMillis"),
                DataReader.nonNegativeLong(f.get(1), path + ".memoryMiB"),
                DataReader.nonNegativeLong(f.get(2), path + ".storageGiB"),
                DataReader.nonNegativeLong(f.get(3), path + ".gpus"));
    }
}
