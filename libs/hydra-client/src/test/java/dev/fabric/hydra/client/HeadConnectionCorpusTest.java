package dev.fabric.hydra.client;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fabric.testkit.CorpusTally;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The frame corpus over a real WebSocket: poison frames (truncated, no tag, a seq that is negative,
 * fractional, textual or an overflowing exponent) interleaved with good outputs. The receive loop
 * must count and skip every poison frame, deliver every good output in order, and stay connected.
 */
class HeadConnectionCorpusTest {

    private static final CorpusTally TALLY = new CorpusTally("hydra-receive-loop");
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final String[] BAD_SEQS = {"-1", "1.5", "\"7\"", "5E4667170831888737", "99999999999999999999999", "null"};

    private final ScriptedHydraNode node = ScriptedHydraNode.start();
    private final RecordingListener listener = new RecordingListener();
    private HeadConnection connection;

    @AfterEach
    void stop() {
        if (connection != null) {
            connection.close();
        }
        node.close();
    }

    @AfterAll
    static void report() {
        TALLY.report();
    }

    private String poison(SplittableRandom random, long seq) {
        String good = random.nextBoolean() ? Frames.txValid(seq) : Frames.snapshotConfirmed(seq, seq, Frames.txId(seq));
        return switch (random.nextInt(3)) {
            case 0 -> good.substring(0, random.nextInt(1, good.length()));
            case 1 -> good.replace("\"tag\":", "\"tagg\":");
            default -> good.replace("\"seq\":" + seq, "\"seq\":" + BAD_SEQS[random.nextInt(BAD_SEQS.length)]);
        };
    }

    @Test
    void shouldSkipEveryPoisonFrameAndDeliverEveryGoodOutput() {
        connection = new HeadConnection(HeadConnectionConfig.builder(node.uri())
                .backoff(new ReconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(200), 2.0, 0.5)).build())
                .addListener(listener);
        connection.start();
        await().atMost(DEADLINE).until(() -> listener.greetings.size() == 1);

        SplittableRandom random = new SplittableRandom(0x1009L);
        List<Long> goodSeqs = new ArrayList<>();
        int poisoned = 0;
        for (long seq = 1; seq <= 300; seq++) {
            for (int n = random.nextInt(3); n > 0; n--, poisoned++) {
                node.broadcast(poison(random, seq));
            }
            node.broadcast(Frames.txValid(seq));
            goodSeqs.add(seq);
        }
        int expectedMalformed = poisoned;
        TALLY.add("tried", poisoned + goodSeqs.size());

        await().atMost(DEADLINE).until(() -> listener.outputs.size() == goodSeqs.size()
                && listener.malformedFrames.size() == expectedMalformed);
        assertEquals(goodSeqs, listener.seqs());
        assertEquals(expectedMalformed, connection.metrics().malformedFrames());
        assertTrue(listener.malformedFrames.stream().noneMatch(f -> f.problem().startsWith("cannot decode")),
                () -> "a frame reached the decoder's catch-all: " + listener.malformedFrames);
        assertTrue(listener.disconnects.isEmpty());
        assertTrue(connection.isConnected());
        TALLY.add("rejected", listener.malformedFrames.size());
        TALLY.add("good-processed", listener.outputs.size());
    }
}
