package dev.fabric.ingest.domain.tx;

import java.util.List;

/**
 * A transaction output as the ledger serialised it.
 *
 * @param address     raw address bytes (header byte first)
 * @param inlineDatum the inline datum's CBOR (the bytes inside tag 24), or null
 * @param datumHash   hex of a datum hash, or null
 */
public record ConwayOutput(int index, byte[] address, long lovelace, List<TxAsset> assets, byte[] inlineDatum,
                           String datumHash) {

    /** Shelley address types whose payment credential is a script hash (CIP-19: 1, 3, 5, 7). */
    public boolean paysToScript(byte[] scriptHash, int networkId) {
        if (address.length < 29) {
            return false;
        }
        int header = address[0] & 0xff;
        int type = header >>> 4;
        if (type > 7 || (type & 1) == 0 || (header & 0x0f) != networkId) {
            return false;
        }
        for (int i = 0; i < 28; i++) {
            if (address[1 + i] != scriptHash[i]) {
                return false;
            }
        }
        return true;
    }
}
