package dev.fabric.devnet.head;

import dev.fabric.hydra.api.ClientMessage;
import java.util.Set;

/** Where the head's outputs go: the API server's connections. Called on the head's thread. */
public interface HeadOutputs {

    /**
     * A persisted output was appended to the journal.
     *
     * @param jsonWithUtxo for {@code SnapshotConfirmed}: the frame with the snapshot's UTxO, rendered only
     *                     when {@link #wantsSnapshotUtxo()} said so; otherwise null
     * @param addresses    for {@code SnapshotConfirmed}: the addresses its transactions pay to (the
     *                     {@code address} filter); otherwise empty
     */
    void publish(EventJournal.Entry entry, String jsonWithUtxo, Set<String> addresses);

    /** A message for every connected client, never persisted ({@code CommandFailed}, ...). */
    void broadcast(ClientMessage message);

    /** Whether any live connection wants {@code SnapshotConfirmed} with its UTxO. */
    boolean wantsSnapshotUtxo();

    HeadOutputs NONE = new HeadOutputs() {
        @Override
        public void publish(EventJournal.Entry entry, String jsonWithUtxo, Set<String> addresses) {
        }

        @Override
        public void broadcast(ClientMessage message) {
        }

        @Override
        public boolean wantsSnapshotUtxo() {
            return false;
        }
    };
}
