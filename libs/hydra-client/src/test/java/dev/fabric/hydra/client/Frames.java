package dev.fabric.hydra.client;

/** Hand-written hydra-node frames for connection tests. */
final class Frames {

    static final String HEAD = "4c7c3f93c709ce947017010da871509f";

    private Frames() {
    }

    static String txValid(long seq, String txId) {
        return "{\"tag\":\"TxValid\",\"headId\":\"" + HEAD + "\",\"transactionId\":\"" + txId + "\",\"seq\":" + seq
                + ",\"timestamp\":\"2026-07-20T10:11:12.263753056123Z\"}";
    }

    static String txValid(long seq) {
        return txValid(seq, txId(seq));
    }

    static String txInvalid(long seq, String txId, String reason) {
        return "{\"tag\":\"TxInvalid\",\"headId\":\"" + HEAD + "\",\"utxo\":{},\"transaction\":" + transaction(txId)
                + ",\"validationError\":{\"reason\":\"" + reason + "\"},\"seq\":" + seq + ",\"timestamp\":\"2026-07-20T10:11:13Z\"}";
    }

    static String snapshotConfirmed(long seq, long number, String... txIds) {
        StringBuilder confirmed = new StringBuilder();
        for (String txId : txIds) {
            confirmed.append(confirmed.length() == 0 ? "" : ",").append(transaction(txId));
        }
        return "{\"tag\":\"SnapshotConfirmed\",\"headId\":\"" + HEAD + "\",\"snapshot\":{\"headId\":\"" + HEAD
                + "\",\"version\":0,\"number\":" + number + ",\"confirmed\":[" + confirmed
                + "],\"utxoToCommit\":null,\"utxoToDecommit\":null},\"signatures\":{\"multiSignature\":[\"" + "ab".repeat(64)
                + "\"]},\"seq\":" + seq + ",\"timestamp\":\"2026-07-20T10:11:14.5Z\"}";
    }

    static String transaction(String txId) {
        return "{\"type\":\"Tx ConwayEra\",\"description\":\"\",\"cborHex\":\"84a400\",\"txId\":\"" + txId + "\"}";
    }

    static String txId(long n) {
        return String.format("%064x", n);
    }
}
