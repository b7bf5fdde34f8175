package dev.fabric.grid.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fabric.events.v1.common.ModeKind;
import dev.fabric.testkit.EmbeddedKafka;
import dev.fabric.testkit.EventSamples;
import dev.fabric.testkit.TopicRecords;
import dev.fabric.testkit.WithEmbeddedKafka;
import dev.fabric.topics.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

@WithEmbeddedKafka
class TopicsTailTest {

    private static final String BID = EventSamples.ref(91, 0);

    private final StringWriter out = new StringWriter();

    /** A mark ahead of the bid's event in its partition: the first record a tail meets there. */
    @BeforeAll
    static void markThenBid(EmbeddedKafka kafka) {
        int partition = Topics.BIDS.partitionOf(BID);
        TopicRecords.writeKeyless(kafka.bootstrapServers(), Topics.BIDS, partition, EventSamples.bidMark(1, partition));
        TopicRecords.write(kafka.bootstrapServers(), Topics.BIDS,
                Map.entry(BID, EventSamples.bidEvent(BID, EventSamples.bidOpened(ModeKind.RACE), null, EventSamples.T0)));
    }

    private int tail(EmbeddedKafka kafka, String... options) {
        CommandLine cli = FabricCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        String[] args = {"topics", "tail", Topics.BIDS.name(), "--from-beginning", "--idle-exit", "5", "--bootstrap", kafka.bootstrapServers()};
        String[] all = Arrays.copyOf(args, args.length + options.length);
        System.arraycopy(options, 0, all, args.length, options.length);
        return cli.execute(all);
    }

    @Test
    void shouldNeitherPrintNorCountProgressMarks(EmbeddedKafka kafka) {
        assertThat(tail(kafka, "-n", "1")).isZero();

        assertThat(out.toString().lines()).singleElement().satisfies(line -> {
            assertThat(line).contains("\"key\":\"" + BID + "\"").contains("BidOpened");
            assertThat(line).doesNotContain("MarketProgress");
        });
    }

    @Test
    void shouldPrintThemWhenAskedTo(EmbeddedKafka kafka) {
        assertThat(tail(kafka, "-n", "2", "--marks")).isZero();

        assertThat(out.toString().lines()).hasSize(2).first().satisfies(line ->
                assertThat(line).contains("\"key\":null").contains("MarketProgress"));
    }
}
