package dev.fabric.grid.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fabric operator score}: an operator's reputation with what moved it, from the reputation service. */
@Command(name = "operator", description = "Operators.", subcommands = OperatorCommand.Score.class)
final class OperatorCommand {

    @Command(name = "score", description = "An operator's score, interval, counts and the evidence that moved it.")
    static final class Score implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--reputation", defaultValue = "${FABRIC_REPUTATION:-http://localhost:8083}",
                description = "Reputation service (default: ${DEFAULT-VALUE}).")
        URI reputation;

        @Parameters(index = "0", description = "Operator id (hex key hash).")
        String operatorId;

        @Override
        public Integer call() throws InterruptedException {
            if (!operatorId.matches("[0-9a-f]{56}")) {
                throw new CliInputException("operator id must be 56 lowercase hex characters, got '" + operatorId + "'");
            }
            HttpResponse<String> response;
            try {
                response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(reputation.resolve("/operators/" + operatorId + "/reputation"))
                        .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new CliInputException("cannot reach the reputation service at " + reputation + ": " + e.getMessage());
            }
            if (response.statusCode() == 404) {
                throw new CliInputException("no reputation yet for " + operatorId);
            }
            if (response.statusCode() != 200) {
                throw new CliInputException("reputation service answered " + response.statusCode() + ": " + response.body());
            }
            try {
                ObjectMapper json = new ObjectMapper();
                spec.commandLine().getOut().println(json.writerWithDefaultPrettyPrinter().writeValueAsString(json.readTree(response.body())));
            } catch (IOException e) {
                spec.commandLine().getOut().println(response.body());
            }
            return 0;
        }
    }
}
