package dev.fabric.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsReportTest {

    @TempDir
    Path dir;

    @Test
    void shouldReadBackWhatABenchWrote() {
        Path file = dir.resolve("bench-summary.properties");
        new BenchSummary("ingest").notes("--txs 1000")
                .figure("ingest throughput", "tx/s", 30_000, "raw producer records/s", 100_000, Goal.valueAtLeast(100_000).andRatioAtLeast(0.5))
                .latency(new BenchSummary.Latency("x", 10, 1, 2, 3, 4, 5))
                .write(file);

        BenchSummary read = BenchSummary.read(file);

        assertThat(read.bench()).isEqualTo("ingest");
        assertThat(read.notes()).isEqualTo("--txs 1000");
        assertThat(read.figures()).singleElement().satisfies(f -> {
            assertThat(f.ratio()).isEqualTo(0.3);
            assertThat(f.goal().text()).isEqualTo("value>=100000;ratio>=0.5");
        });
        assertThat(read.latencies()).containsExactly(new BenchSummary.Latency("x", 10, 1, 2, 3, 4, 5));
    }

    @Test
    void shouldHoldEveryConditionOfAGoal() {
        Goal goal = Goal.parse("value>=100000;ratio>=0.5");

        assertThat(goal.metBy(120_000, 0.6)).isTrue();
        assertThat(goal.metBy(120_000, 0.4)).isFalse();
        assertThat(goal.metBy(90_000, 0.9)).isFalse();
        assertThat(Goal.valueAtMost(50).metBy(49, Double.NaN)).isTrue();
        assertThat(goal.display("tx/s")).isEqualTo("≥ 100,000 tx/s and ratio ≥ 0.5");
    }

    @Test
    void shouldRenderARowPerFigureAndSayWhichBenchGaveNoResult() {
        BenchSummary auction = new BenchSummary("auction")
                .figure("p99 close→decision", "ms", 166, "pass-through p99", 35, Goal.valueAtMost(50));
        Properties run = new Properties();
        run.setProperty("status.devnet", "failed, see bench/target/logs/devnet.log");

        String md = ResultsReport.markdown(run, List.of("devnet", "auction"), Map.of("auction", auction), Path.of("latency-percentiles.png"));

        assertThat(md).contains("| auction | p99 close→decision | **166 ms** | pass-through p99: 35.0 | 4.74 | ≤ 50 ms | **no** |");
        assertThat(md).contains("| devnet | **no result**: failed, see bench/target/logs/devnet.log |");
        assertThat(md).contains("![latency percentiles](latency-percentiles.png)");
    }

    @Test
    void shouldDrawAPlotOfEveryLatency() throws Exception {
        Path png = dir.resolve("plot.png");

        LatencyPlot.write(List.of(new BenchSummary.Latency("a", 100, 0.4, 2, 30, 400, 5_000),
                new BenchSummary.Latency("a (baseline)", 100, 0.2, 1, 3, 4, 5)), "test", png);

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isGreaterThan(800);
        assertThat(Files.size(png)).isGreaterThan(5_000);
    }
}
