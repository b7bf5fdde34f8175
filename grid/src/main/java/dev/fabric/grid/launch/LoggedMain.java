package dev.fabric.grid.launch;

import dev.fabric.testkit.ConsoleLogging;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;

/**
 * {@code LoggedMain <main class> <args...>}: runs a plain (non-Quarkus) main of the grid, the broker and the
 * devnet, with console logging at INFO and Kafka at WARN ({@link ConsoleLogging}).
 *
 * <p>Without it the broker formatted each of its TRACE messages for nobody and the devnet had Scalus
 * render every script context it validated as JSON, while their log files stayed empty.
 */
public final class LoggedMain {

    private LoggedMain() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length == 0) {
            System.err.println("usage: LoggedMain <main class> [args...]");
            System.exit(2);
        }
        ConsoleLogging.configure();
        try {
            Class.forName(args[0]).getMethod("main", String[].class).invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
