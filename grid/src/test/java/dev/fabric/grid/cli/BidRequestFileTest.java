package dev.fabric.grid.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fabric.plutus.datum.BidDatum;
import dev.fabric.plutus.datum.KeyHash;
import dev.fabric.plutus.datum.Mode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BidRequestFileTest {

    @TempDir
    Path dir;

    private static final String VALID = """
            mode: reputation
            minScoreBps: 2500
            priorityWindowSeconds: 10
            minPrice: 2000000
            maxPrice: 9000000
            deadlineSeconds: 90
            request: {cpuMillis: 1000, memoryMiB: 1024, storageGiB: 10, gpus: 0, durationSeconds: 300}
            workload: {kind: Job, image: "busybox:1.36", command: ["sh", "-c"], args: ["echo hi"], replicas: 2}
            """;

    private Path file(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void shouldReadTheExampleOfTheQuickstart() {
        BidRequestFile.Parsed parsed = BidRequestFile.read(Path.of("../docs/examples/bid.yaml"));

        assertThat(parsed.mode()).isEqualTo(new Mode.Auction(20_000));
        assertThat(parsed.region()).contains("eu-west");
        assertThat(parsed.workload().ports()).containsExactly(8080);
    }

    @Test
    void shouldBuildTheDatumTheBidLocks() throws IOException {
        BidRequestFile.Parsed parsed = BidRequestFile.read(file("bid.yaml", VALID));
        KeyHash app = KeyHash.ofHex("a1".repeat(28));
        Instant now = Instant.parse("2026-11-28T12:00:00Z");

        BidDatum datum = parsed.datum(app, Optional.empty(), now);

        assertThat(datum.mode()).isEqualTo(new Mode.Reputation(2500, 10_000));
        assertThat(datum.deadlineMs()).isEqualTo(now.plusSeconds(90).toEpochMilli());
        assertThat(datum.request().workloadHash()).isEqualTo(parsed.workload().workloadHash());
        assertThat(parsed.workload().command()).containsExactly("sh", "-c");
        assertThat(parsed.workload().replicas()).isEqualTo(2);
    }

    @Test
    void shouldReadJsonToo() throws IOException {
        Path json = file("bid.json", """
                {"mode": "race", "minPrice": 2000000, "maxPrice": 3000000,
                 "request": {"cpuMillis": 500, "memoryMiB": 512, "durationSeconds": 60},
                 "workload": {"image": "nginx:1.27"}}""");

        assertThat(BidRequestFile.read(json).mode()).isEqualTo(new Mode.Race());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "mode: lottery|mode: must be race, auction or reputation",
            "maxPrice: 1000|maxPrice: must be at least minPrice",
            "minPrice: -5|minPrice: must be a positive integer",
            "minPrice: two|minPrice: must be a whole number",
            "minScoreBps: 20000|minScoreBps: must be at most 10000",
            "request: 7|request: is required and must be a mapping",
            "request: {memoryMiB: 1, durationSeconds: 1}|request.cpuMillis: is required",
            "workload: {kind: Pod, image: x}|workload.kind: must be Deployment or Job",
            "workload: {image: x, ports: [70000]}|workload.ports: ports must be integers within 1..65535",
            "allowedOperators: [nope]|allowedOperators[0]: must be 56 lowercase hex characters"})
    void shouldNameTheFieldThatIsWrong(String override, String message) throws IOException {
        String key = override.substring(0, override.indexOf(':'));
        StringBuilder text = new StringBuilder();
        for (String line : VALID.replace("mode: reputation", "mode: reputation").split("\n")) {
            if (!line.startsWith(key + ":")) {
                text.append(line).append('\n');
            }
        }
        text.append(override).append('\n');
        Path file = file("bad.yaml", text.toString());

        assertThatThrownBy(() -> BidRequestFile.read(file)).isInstanceOf(CliInputException.class)
                .hasMessageStartingWith(file.toString()).hasMessageContaining(message);
    }

    @Test
    void shouldRejectFilesThatAreNotYamlOrMissing() throws IOException {
        Path broken = file("broken.yaml", "mode: [unclosed");

        assertThatThrownBy(() -> BidRequestFile.read(broken)).hasMessageContaining("not valid YAML/JSON");
        assertThatThrownBy(() -> BidRequestFile.read(dir.resolve("absent.yaml"))).hasMessageContaining("no such file");
        assertThatThrownBy(() -> BidRequestFile.read(file("list.yaml", "- a\n- b\n"))).hasMessageContaining("must be a mapping");
    }
}
