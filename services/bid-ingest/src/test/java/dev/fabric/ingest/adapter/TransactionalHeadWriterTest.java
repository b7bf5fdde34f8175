package dev.fabric.ingest.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fabric.events.MarketProgressMarks;
import dev.fabric.events.v1.hydra.HeadEvent;
import dev.fabric.events.v1.ingest.IngestCursor;
import dev.fabric.ingest.adapter.kafka.HeadWork;
import dev.fabric.ingest.adapter.kafka.IngestCursorReader;
import dev.fabric.ingest.adapter.kafka.KafkaProducers;
import dev.fabric.ingest.adapter.kafka.PendingRecord;
import dev.fabric.ingest.adapter.kafka.TransactionalHeadWriter;
import dev.fabric.testkit.EmbeddedKafka;
import dev.fabric.testkit.TopicRecords;
import dev.fabric.testkit.WithEmbeddedKafka;
import dev.fabric.topics.Topics;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

/** The transactional writer against a real broker: cursor with the records, fencing, resume. */
@WithEmbeddedKafka
class TransactionalHeadWriterTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static Map<String, Object> client(EmbeddedKafka kafka) {
        return Map.of("bootstrap.servers", kafka.bootstrapServers());
    }

    private static TransactionalHeadWriter writer(EmbeddedKafka kafka, String node, AtomicInteger commits) {
        return writer(kafka, node, commits, producer -> producer, new AtomicInteger());
    }

    /**
     * @param wrap     applied to the first producer (the one a fault is injected into)
     * @param replaced counts the producers the writer made after the first
     */
    private static TransactionalHeadWriter writer(EmbeddedKafka kafka, String node, AtomicInteger commits,
                                                  UnaryOperator<Producer<String, byte[]>> wrap, AtomicInteger replaced) {
        return writer(kafka, node, commits, wrap, replaced, new AtomicInteger());
    }

    /** @param marks counts the progress marks the writer reports committed */
    private static TransactionalHeadWriter writer(EmbeddedKafka kafka, String node, AtomicInteger commits,
                                                  UnaryOperator<Producer<String, byte[]>> wrap, AtomicInteger replaced,
                                                  AtomicInteger marks) {
        return writer(kafka, node, commits, wrap, replaced, marks, Duration.ZERO);
    }

    /** @param idleCommit how long the writer waits, idle, before it commits the cursor again (zero: never) */
    private static TransactionalHeadWriter writer(EmbeddedKafka kafka, String node, AtomicInteger commits,
                                                  UnaryOperator<Producer<String, byte[]>> wrap, AtomicInteger replaced,
                                                  AtomicInteger marks, Duration idleCommit) {
        Map<String, Object> config = KafkaProducers.transactionalConfig(client(kafka), node, Duration.ofMillis(5), 65536,
                "none", Duration.ofSeconds(30));
        Producer<String, byte[]> producer = wrap.apply(KafkaProducers.create(config));
        producer.initTransactions();
        Optional<IngestCursor> cursor = IngestCursorReader.read(client(kafka), node, WAIT);
        TransactionalHeadWriter.Settings settings = new TransactionalHeadWriter.Settings(node,
                () -> {
                    replaced.incrementAndGet();
                    return KafkaProducers.create(config);
                }, () -> IngestCursorReader.read(client(kafka), node, WAIT),
                Map.of(), 16, 1000, Duration.ofMillis(100), Duration.ofMillis(100), idleCommit, Clock.systemUTC());
        TransactionalHeadWriter writer = new TransactionalHeadWriter(settings, producer, cursor,
                (records, transactions, deadLetters, markCount, cursorSeq) -> {
                    commits.incrementAndGet();
                    marks.addAndGet(markCount);
                });
        writer.start();
        return writer;
    }

    /**
     * A real producer whose next {@code commitTransaction} fails, once armed, without reaching the broker:
     * the commit timeout a loaded broker gives, whose outcome the writer cannot know.
     */
    @SuppressWarnings("unchecked")
    private static Producer<String, byte[]> failingNextCommit(Producer<String, byte[]> real, AtomicBoolean armed) {
        return (Producer<String, byte[]>) Proxy.newProxyInstance(Producer.class.getClassLoader(), new Class<?>[] {Producer.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("commitTransaction") && armed.getAndSet(false)) {
                        throw new TimeoutException("injected: commit timed out");
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static HeadWork work(String node, long seq) {
        HeadEvent event = HeadEvent.newBuilder().setEventId(node + "-" + seq).setHeadId("head").setNodeId(node)
                .setSeq(seq).setTag("TxValid").setOccurredAt(Instant.ofEpochMilli(seq)).setRaw("{}").build();
        return HeadWork.of(seq, "head", seq, List.of(new PendingRecord(Topics.HYDRA_EVENTS, "head", event)), 0);
    }

    /** A writer's life that leaves the cursor at {@code seq}: one work committed, then closed. */
    private static void commitOneWorkAndStop(EmbeddedKafka kafka, String node, long seq) {
        try (TransactionalHeadWriter writer = writer(kafka, node, new AtomicInteger())) {
            writer.submit(work(node, seq));
            await().atMost(WAIT).until(() -> writer.committedSeq() == seq);
        }
    }

    private static List<Long> seqsOf(EmbeddedKafka kafka, String node) {
        List<Long> seqs = new ArrayList<>();
        for (ConsumerRecord<String, HeadEvent> record : TopicRecords.readToEnd(kafka.bootstrapServers(), Topics.HYDRA_EVENTS, WAIT)) {
            if (record.value().getNodeId().equals(node)) {
                seqs.add(record.value().getSeq());
            }
        }
        return seqs;
    }

    @Test
    void shouldCommitTheCursorWithTheRecordsItCovers(EmbeddedKafka kafka) {
        AtomicInteger commits = new AtomicInteger();
        try (TransactionalHeadWriter writer = writer(kafka, "cursor-node", commits)) {
            for (long seq = 1; seq <= 50; seq++) {
                writer.submit(work("cursor-node", seq * 2));
            }
            await().atMost(WAIT).until(() -> writer.committedSeq() == 100);
        }

        assertThat(IngestCursorReader.read(client(kafka), "cursor-node", WAIT)).get()
                .satisfies(c -> {
                    assertThat(c.getSeq()).isEqualTo(100);
                    assertThat(c.getSnapshotNumber()).isEqualTo(100);
                    assertThat(c.getHeadId()).isEqualTo("head");
                });
        assertThat(seqsOf(kafka, "cursor-node")).hasSize(50).doesNotHaveDuplicates();
        assertThat(commits.get()).isBetween(1, 50);
    }

    @Test
    void shouldFenceTheOlderInstanceAndAbortItsOpenTransaction(EmbeddedKafka kafka) {
        String node = "fenced-node";
        AtomicInteger commits = new AtomicInteger();
        TransactionalHeadWriter first = writer(kafka, node, commits);
        for (long seq = 1; seq <= 10; seq++) {
            first.submit(work(node, seq));
        }
        await().atMost(WAIT).until(() -> first.committedSeq() == 10);

        // A zombie's transaction left open when its successor starts: initTransactions aborts it.
        Map<String, Object> config = KafkaProducers.transactionalConfig(client(kafka), node, Duration.ofMillis(5), 65536,
                "none", Duration.ofSeconds(30));
        Producer<String, byte[]> zombie = KafkaProducers.create(config);
        TransactionalHeadWriter second;
        try {
            zombie.initTransactions();
            zombie.beginTransaction();
            zombie.send(new ProducerRecord<>(Topics.HYDRA_EVENTS.name(), "head",
                    Topics.HYDRA_EVENTS.valueSerde().serializer().serialize("t", (HeadEvent) work(node, 11).records().get(0).value())));
            zombie.flush();
            second = writer(kafka, node, commits);
        } finally {
            zombie.close(Duration.ofSeconds(1));
        }

        first.submit(work(node, 11));
        await().atMost(WAIT).until(() -> first.state() == TransactionalHeadWriter.State.FENCED);
        assertThat(second.committedSeq()).isEqualTo(10);
        for (long seq = 11; seq <= 20; seq++) {
            second.submit(work(node, seq));
        }
        await().atMost(WAIT).until(() -> second.committedSeq() == 20);
        second.close();
        first.close();

        assertThat(seqsOf(kafka, node)).containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 20).boxed().toList());
    }

    @Test
    void shouldWriteAnAbortedTransactionAgainWithTheSameProducer(EmbeddedKafka kafka) {
        String node = "retry-node";
        AtomicBoolean failNextCommit = new AtomicBoolean();
        AtomicInteger replaced = new AtomicInteger();
        try (TransactionalHeadWriter writer = writer(kafka, node, new AtomicInteger(), p -> failingNextCommit(p, failNextCommit), replaced)) {
            writer.submit(work(node, 1));
            await().atMost(WAIT).until(() -> writer.committedSeq() == 1);
            failNextCommit.set(true);
            writer.submit(work(node, 2));
            await().atMost(WAIT).until(() -> writer.committedSeq() == 2);
            assertThat(failNextCommit).isFalse();
            assertThat(writer.state()).isEqualTo(TransactionalHeadWriter.State.RUNNING);
        }
        // Aborted and written again by the same producer: no new epoch that would fence a successor.
        assertThat(replaced).hasValue(0);
        assertThat(seqsOf(kafka, node)).containsExactly(1L, 2L);
    }

    @Test
    void shouldStopAsFencedWhenItsAbortIsRefusedInsteadOfTakingTheIdBack(EmbeddedKafka kafka) {
        String node = "zombie-node";
        AtomicBoolean failNextCommit = new AtomicBoolean();
        TransactionalHeadWriter first = writer(kafka, node, new AtomicInteger(), p -> failingNextCommit(p, failNextCommit),
                new AtomicInteger());
        for (long seq = 1; seq <= 5; seq++) {
            first.submit(work(node, seq));
        }
        await().atMost(WAIT).until(() -> first.committedSeq() == 5);
        TransactionalHeadWriter second = writer(kafka, node, new AtomicInteger());

        // The zombie's commit fails for another reason than fencing; the abort that follows is refused.
        failNextCommit.set(true);
        first.submit(work(node, 6));
        await().atMost(WAIT).until(() -> first.state() == TransactionalHeadWriter.State.FENCED);
        for (long seq = 6; seq <= 10; seq++) {
            second.submit(work(node, seq));
        }
        await().atMost(WAIT).until(() -> second.committedSeq() == 10);
        assertThat(second.state()).isEqualTo(TransactionalHeadWriter.State.RUNNING);
        second.close();
        first.close();

        assertThat(seqsOf(kafka, node)).containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 10).boxed().toList());
    }

    @Test
    void shouldResumeFromTheCommittedCursorAfterARestart(EmbeddedKafka kafka) {
        String node = "resume-node";
        AtomicInteger commits = new AtomicInteger();
        commitOneWorkAndStop(kafka, node, 5);
        try (TransactionalHeadWriter writer = writer(kafka, node, commits)) {
            assertThat(writer.committedSeq()).isEqualTo(5);
            writer.submit(new HeadWork(3, "head", 3, work(node, 3).records(), true, 0));
            await().atMost(WAIT).until(() -> writer.committedSeq() == 3);
        }
        assertThat(IngestCursorReader.read(client(kafka), node, WAIT).map(IngestCursor::getSeq)).contains(3L);
    }

    @Test
    void shouldWriteMarksWithoutAKeyToTheirPartitionsInTheWorksTransaction(EmbeddedKafka kafka) {
        String node = "mark-node";
        String head = "ab".repeat(28);
        Instant at = Instant.parse("2026-11-29T08:00:00Z");
        AtomicInteger marks = new AtomicInteger();
        List<PendingRecord> records = new ArrayList<>(work(node, 1).records());
        records.add(PendingRecord.mark(Topics.BIDS, 4, MarketProgressMarks.bidMark(head, 9, 4, at, "cause")));
        records.add(PendingRecord.mark(Topics.OFFERS, 0, MarketProgressMarks.offerMark(head, 9, 0, at, "cause")));
        try (TransactionalHeadWriter writer = writer(kafka, node, new AtomicInteger(), p -> p, new AtomicInteger(), marks)) {
            writer.submit(HeadWork.of(1, head, 9, records, 0));
            await().atMost(WAIT).until(() -> writer.committedSeq() == 1);
        }

        assertThat(marks).hasValue(2);
        assertThat(TopicRecords.readToEnd(kafka.bootstrapServers(), Topics.BIDS, WAIT)).singleElement().satisfies(r -> {
            assertThat(r.partition()).isEqualTo(4);
            assertThat(r.key()).isNull();
            assertThat(MarketProgressMarks.isMark(r.value())).isTrue();
        });
        assertThat(TopicRecords.readToEnd(kafka.bootstrapServers(), Topics.OFFERS, WAIT)).singleElement().satisfies(r -> {
            assertThat(r.partition()).isZero();
            assertThat(r.key()).isNull();
        });
        assertThat(seqsOf(kafka, node)).containsExactly(1L);
    }

    @Test
    void shouldDeadLetterAWorkWhoseRecordCannotBeSerialisedAndMovePastIt(EmbeddedKafka kafka) {
        String node = "unserialisable-node";
        HeadWork broken = work(node, 2);
        ((HeadEvent) broken.records().get(0).value()).put("tag", null);   // a required field: a decoder bug, not input
        AtomicInteger commits = new AtomicInteger();
        try (TransactionalHeadWriter writer = writer(kafka, node, commits)) {
            writer.submit(work(node, 1));
            writer.submit(broken);
            writer.submit(work(node, 3));
            await().atMost(WAIT).until(() -> writer.committedSeq() == 3);
        }

        assertThat(seqsOf(kafka, node)).containsExactly(1L, 3L);
        assertThat(TopicRecords.readToEnd(kafka.bootstrapServers(), Topics.DLQ, WAIT))
                .filteredOn(r -> r.value().getSourceTopic().equals("hydra:" + node))
                .singleElement().satisfies(r -> {
                    assertThat(r.key()).isEqualTo("head");
                    assertThat(r.value().getReason()).contains("cannot serialise HeadEvent for fabric.hydra.events", "seq 2");
                    assertThat(StandardCharsets.UTF_8.decode(r.value().getPayload()).toString()).contains(node + "-2");
                });
    }

    @Test
    void shouldLearnItWasFencedWhileIdleAndKeepTheCursorAsItWas(EmbeddedKafka kafka) {
        String node = "idle-node";
        commitOneWorkAndStop(kafka, node, 7);
        // Restarted from that cursor, and idle: its commits of the unchanged cursor keep the head id.
        AtomicInteger idleCommits = new AtomicInteger();
        try (TransactionalHeadWriter idle = writer(kafka, node, idleCommits, p -> p, new AtomicInteger(), new AtomicInteger(),
                Duration.ofMillis(300))) {
            await().atMost(WAIT).until(() -> idleCommits.get() >= 2);
            assertThat(IngestCursorReader.read(client(kafka), node, WAIT)).get().satisfies(c -> {
                assertThat(c.getSeq()).isEqualTo(7);
                assertThat(c.getSnapshotNumber()).isEqualTo(7);
                assertThat(c.getHeadId()).isEqualTo("head");
            });

            // Another instance takes the transactional id over; nothing arrives for the idle one.
            Producer<String, byte[]> successor = KafkaProducers.create(KafkaProducers.transactionalConfig(client(kafka), node,
                    Duration.ofMillis(5), 65536, "none", Duration.ofSeconds(30)));
            successor.initTransactions();
            try {
                await().atMost(WAIT).until(() -> idle.state() == TransactionalHeadWriter.State.FENCED);
            } finally {
                successor.close(Duration.ofSeconds(5));
            }
        }
        assertThat(seqsOf(kafka, node)).containsExactly(7L);
    }

    @Test
    void shouldHoldAWorkWhileTheRegistryIsUnreachableInsteadOfDeadLetteringIt(EmbeddedKafka kafka) throws Exception {
        String node = "registry-node";
        Map<String, Object> config = KafkaProducers.transactionalConfig(client(kafka), node, Duration.ofMillis(5), 65536,
                "none", Duration.ofSeconds(30));
        Producer<String, byte[]> producer = KafkaProducers.create(config);
        producer.initTransactions();
        AtomicInteger retries = new AtomicInteger();
        TransactionalHeadWriter.Settings settings = new TransactionalHeadWriter.Settings(node, () -> KafkaProducers.create(config),
                () -> IngestCursorReader.read(client(kafka), node, WAIT),
                Map.of(dev.fabric.events.serde.EventSerdes.REGISTRY_URL, "http://127.0.0.1:1/apis/registry/v3"),
                16, 1000, Duration.ofMillis(100), Duration.ofMillis(50), Duration.ZERO, Clock.systemUTC());
        TransactionalHeadWriter writer = new TransactionalHeadWriter(settings, producer, Optional.empty(),
                new TransactionalHeadWriter.CommitListener() {
                    @Override
                    public void committed(int records, int transactions, int deadLetters, int marks, long cursorSeq) {
                    }

                    @Override
                    public void retried(Throwable cause) {
                        retries.incrementAndGet();
                    }
                });
        writer.start();
        java.util.concurrent.CompletableFuture<Void> submitted = java.util.concurrent.CompletableFuture.runAsync(() -> writer.submit(work(node, 1)));

        await().atMost(WAIT).until(() -> retries.get() >= 3);
        assertThat(submitted).isNotDone();
        writer.close(Duration.ofSeconds(1));
        assertThat(submitted).failsWithin(WAIT).withThrowableThat().havingRootCause()
                .isInstanceOf(IllegalStateException.class).withMessageContaining("registry");
        assertThat(TopicRecords.readToEnd(kafka.bootstrapServers(), Topics.DLQ, WAIT))
                .noneMatch(r -> r.value().getSourceTopic().equals("hydra:" + node));
    }
}
