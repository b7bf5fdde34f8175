package dev.fabric.hydra.client;

import dev.fabric.hydra.api.ClientMessage;
import dev.fabric.hydra.api.Greetings;
import dev.fabric.hydra.api.InvalidInput;
import dev.fabric.hydra.api.MalformedFrame;
import dev.fabric.hydra.api.TimedServerOutput;
import dev.fabric.hydra.api.UnknownMessage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps everything a connection delivers, for assertions. */
final class RecordingListener implements HeadListener {

    final List<TimedServerOutput> outputs = new CopyOnWriteArrayList<>();
    final List<Greetings> greetings = new CopyOnWriteArrayList<>();
    final List<ClientMessage> clientMessages = new CopyOnWriteArrayList<>();
    final List<InvalidInput> invalidInputs = new CopyOnWriteArrayList<>();
    final List<UnknownMessage> unknownMessages = new CopyOnWriteArrayList<>();
    final List<MalformedFrame> malformedFrames = new CopyOnWriteArrayList<>();
    final List<DisconnectReason> disconnects = new CopyOnWriteArrayList<>();
    final List<long[]> seqRegressions = new CopyOnWriteArrayList<>();
    /** Everything in arrival order, as short labels: "out:7", "hello", "drop:CLOSED_BY_SERVER". */
    final List<String> events = new CopyOnWriteArrayList<>();

    List<Long> seqs() {
        return outputs.stream().map(TimedServerOutput::seq).toList();
    }

    @Override
    public void onConnected(Greetings greetings) {
        this.greetings.add(greetings);
        events.add("hello");
    }

    @Override
    public void onOutput(TimedServerOutput output) {
        outputs.add(output);
        events.add("out:" + output.seq());
    }

    @Override
    public void onClientMessage(ClientMessage message) {
        clientMessages.add(message);
        events.add("client:" + message.tag());
    }

    @Override
    public void onInvalidInput(InvalidInput invalidInput) {
        invalidInputs.add(invalidInput);
        events.add("invalid-input");
    }

    @Override
    public void onUnknownMessage(UnknownMessage message) {
        unknownMessages.add(message);
        events.add("unknown:" + message.tag());
    }

    @Override
    public void onMalformedFrame(MalformedFrame frame) {
        malformedFrames.add(frame);
        events.add("malformed");
    }

    @Override
    public void onSeqRegression(long lastDeliveredSeq, long nodeHighestSeq) {
        seqRegressions.add(new long[] {lastDeliveredSeq, nodeHighestSeq});
        events.add("regression");
    }

    @Override
    public void onDisconnected(DisconnectReason reason) {
        disconnects.add(reason);
        events.add("drop:" + reason.kind());
    }
}
