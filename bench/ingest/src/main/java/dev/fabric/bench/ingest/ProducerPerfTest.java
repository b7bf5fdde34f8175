package dev.fabric.bench.ingest;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.tools.ProducerPerformance;

/**
 * The baseline the issue names, run as it is, not re-implemented: Kafka's own {@code kafka-producer-perf-test}
 * ({@link ProducerPerformance}, kafka-tools of the broker's version) in this JVM, with {@code --record-size} set
 * to ingest's record, {@code --producer-props acks=all} and any further producer properties given; the payload
 * is the tool's own (random text of that size, no key).
 */
final class ProducerPerfTest {

    /** The tool's closing line (the one with percentiles): "N records sent, R records/sec (M MB/sec), ... 50th, ...". */
    private static final Pattern TOTAL = Pattern.compile("\\d+ records sent, ([0-9.]+) records/sec \\(([0-9.]+) MB/sec\\), .*50th.*");

    /** What the tool reported for one run. */
    record Result(double recordsPerSecond, double megabytesPerSecond) {
    }

    /** Two runs of one setting, interleaved with the other runs. */
    record Pair(List<String> props, Result first, Result second) {
        double mean() {
            return (first.recordsPerSecond() + second.recordsPerSecond()) / 2;
        }

        String describe() {
            return String.format(java.util.Locale.ROOT, "%,.0f / %,.0f records/s (%.1f / %.1f MB/s)", first.recordsPerSecond(),
                    second.recordsPerSecond(), first.megabytesPerSecond(), second.megabytesPerSecond());
        }
    }

    private ProducerPerfTest() {
    }

    /** @param producerProps producer properties after {@code acks=all}, each {@code name=value} */
    static List<String> arguments(String bootstrap, String topic, long records, int recordSize, List<String> producerProps) {
        List<String> args = new java.util.ArrayList<>(List.of("--topic", topic, "--num-records", Long.toString(records),
                "--record-size", Integer.toString(recordSize), "--throughput", "-1", "--producer-props", "bootstrap.servers=" + bootstrap, "acks=all"));
        args.addAll(producerProps);
        return args;
    }

    /** One run of the tool; its output is captured, echoed once it ends, and its closing line parsed. */
    static Result run(String bootstrap, String topic, long records, int recordSize, List<String> producerProps) throws Exception {
        List<String> args = arguments(bootstrap, topic, records, recordSize, producerProps);
        IngestBenchmark.log("kafka-producer-perf-test %s", String.join(" ", args));
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream console = System.out;
        // The tool calls Exit.exit on a bad argument: that must fail this run, not end the bench's JVM.
        Exit.setExitProcedure((status, message) -> {
            throw new IllegalStateException("kafka-producer-perf-test exited with " + status + ": " + message);
        });
        IngestBenchmark.writeBackDirtyPages();
        IngestBenchmark.CpuClock clock = new IngestBenchmark.CpuClock();
        String output;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            ProducerPerformance.main(args.toArray(String[]::new));
        } finally {
            System.setOut(console);
            Exit.resetExitProcedure();
            output = captured.toString(StandardCharsets.UTF_8);
            console.print(output);
        }
        IngestBenchmark.Run cpu = clock.stop(records, records);
        Result result = parse(output);
        IngestBenchmark.log("kafka-producer-perf-test: %,.0f records/s (%s)", result.recordsPerSecond(), cpu.cpuSplit());
        return result;
    }

    static Result parse(String output) {
        Result total = null;
        for (String line : output.split("\n")) {
            Matcher m = TOTAL.matcher(line.strip());
            if (m.matches()) {
                total = new Result(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)));
            }
        }
        if (total == null) {
            throw new IllegalStateException("kafka-producer-perf-test printed no total line:\n" + output);
        }
        return total;
    }
}
