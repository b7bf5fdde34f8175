package dev.fabric.grid.launch;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A process of the local grid: how to start it, how to tell it is ready, where its output goes.
 *
 * @param name        short name shown in progress lines ("kafka", "auction", "deployer-2")
 * @param command     the command line
 * @param environment extra environment variables
 * @param readiness   when it counts as up
 * @param startupLimit how long it may take to become ready
 * @param endpoint    what to print once it is up (e.g. "http://localhost:8082")
 */
public record ProcessSpec(String name, List<String> command, Map<String, String> environment, Readiness readiness,
                          Duration startupLimit, String endpoint) {

    public ProcessSpec {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
    }

    public Path logFile(Path logDir) {
        return logDir.resolve(name + ".log");
    }
}
