package dev.fabric.grid.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code fabric} command line; {@code --help} and {@code --version} on every command (inherited). */
@Command(name = "fabric", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT, version = "fabric 0.1.0",
        description = "Talk to a Fabric grid: post and inspect bids, read topics, look up operators.",
        subcommands = {UpCommand.class, ChaosCommand.class, BidCommand.class, OffersCommand.class, OperatorCommand.class, TopicsCommand.class,
                CommandLine.HelpCommand.class})
public final class FabricCli {

    private FabricCli() {
    }

    /** Runs a command line and returns its exit code (2 for bad input, with a one-line message). */
    public static int run(CommandLine.IExecutionExceptionHandler onError, String... args) {
        CommandLine cli = new CommandLine(new FabricCli());
        cli.setExecutionExceptionHandler(onError);
        return cli.execute(args);
    }

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new FabricCli());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof CliInputException) {
                commandLine.getErr().println("fabric: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cli;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
