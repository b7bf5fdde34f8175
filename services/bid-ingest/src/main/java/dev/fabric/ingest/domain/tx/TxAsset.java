package dev.fabric.ingest.domain.tx;

import java.math.BigInteger;

/** A native asset quantity of an output (hex policy id and asset name). */
public record TxAsset(String policyId, String assetName, BigInteger quantity) {
}
