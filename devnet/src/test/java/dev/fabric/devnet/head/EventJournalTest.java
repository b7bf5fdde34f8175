package dev.fabric.devnet.head;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fabric.hydra.api.HydraMessageCodec;
import dev.fabric.hydra.api.ServerOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventJournalTest {

    private final HydraMessageCodec codec = new HydraMessageCodec();

    @Test
    void shouldContinueSeqFromWhatTheFileHolds(@TempDir Path dir) {
        try (EventJournal journal = EventJournal.open(dir, codec, Clock.systemUTC())) {
            journal.appendInternal("TransactionReceived", "ab");
            journal.append(new ServerOutput.ReadyToFanout("cafe"));
        }
        try (EventJournal reopened = EventJournal.open(dir, codec, Clock.systemUTC())) {
            assertThat(reopened.lastSeq()).isEqualTo(1);
            assertThat(reopened.entries().get(1).output()).isEqualTo(new ServerOutput.ReadyToFanout("cafe"));
            assertThat(reopened.entries().get(0).detail()).isEqualTo("ab");
            assertThat(reopened.append(new ServerOutput.ReadyToFanout("cafe")).seq()).isEqualTo(2);
        }
    }

    @Test
    void shouldIgnoreATornLastLineButNotACorruptOneBeforeIt(@TempDir Path dir) throws IOException {
        try (EventJournal journal = EventJournal.open(dir, codec, Clock.systemUTC())) {
            journal.append(new ServerOutput.ReadyToFanout("cafe"));
        }
        Path file = dir.resolve(EventJournal.FILE);
        Files.writeString(file, "{\"seq\":1,\"timest", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        try (EventJournal reopened = EventJournal.open(dir, codec, Clock.systemUTC())) {
            assertThat(reopened.lastSeq()).isZero();
        }
        Files.writeString(file, "garbage\n{\"seq\":1,\"timestamp\":\"2026-01-01T00:00:00Z\",\"internal\":\"X\",\"detail\":null}\n",
                StandardCharsets.UTF_8);
        assertThatThrownBy(() -> EventJournal.open(dir, codec, Clock.systemUTC())).hasMessageContaining("line 1");
    }
}
