package dev.fabric.grid.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class FabricCliTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = FabricCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void shouldPrintHelpForEverySubcommand() {
        for (String[] command : new String[][] {{"up"}, {"chaos"}, {"bid", "post"}, {"topics", "tail"}, {"operator", "score"}}) {
            String[] args = java.util.Arrays.copyOf(command, command.length + 1);
            args[command.length] = "--help";
            out.getBuffer().setLength(0);

            assertThat(run(args)).as(String.join(" ", args)).isZero();
            assertThat(out.toString()).startsWith("Usage: fabric " + String.join(" ", command));
        }
    }

    @Test
    void shouldListTheCatalogue() {
        assertThat(run("topics", "list")).isZero();
        assertThat(out.toString().lines()).hasSize(11).anySatisfy(l -> assertThat(l).startsWith("fabric.bids").contains("partitions=6"));
    }

    @Test
    void shouldExplainBadInputInOneLineWithExitCode2() {
        assertThat(run("bid", "post", "no-such-file.yaml", "--app", "app-1")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("fabric: no-such-file.yaml: no such file" + System.lineSeparator());
    }

    @Test
    void shouldRefuseAnUnknownTopic() {
        assertThat(run("topics", "tail", "fabric.nope")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown topic 'fabric.nope'");
    }

    @Test
    void shouldRefuseMalformedIdentifiers() {
        assertThat(run("operator", "score", "XYZ")).isEqualTo(2);
        assertThat(err.toString()).contains("operator id must be 56 lowercase hex characters");
        assertThat(run("bid", "cancel", "not-a-ref", "--app", "app-1")).isEqualTo(2);
        assertThat(run("bid", "post", "x.yaml", "--app", "mallory")).isEqualTo(2);
    }

    @Test
    void shouldRequireExactlyOneSigner() {
        assertThat(run("bid", "post", "x.yaml")).isEqualTo(2);
        assertThat(err.toString()).contains("--key").contains("--app");
    }
}
