package dev.fabric.grid.launch;

import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.Logger;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.jboss.logmanager.handlers.ConsoleHandler;

/**
 * {@code LoggedMain <main class> <args...>}: runs a plain (non-Quarkus) main of the grid, the broker and the
 * devnet, with console logging at INFO and Kafka at WARN.
 *
 * <p>Outside Quarkus nothing configures the JBoss log context SLF4J writes to: it starts with every level
 * enabled and no handler, so the broker formatted each of its TRACE messages for nobody and the devnet had
 * Scalus render every script context it validated as JSON, while their log files stayed empty.
 */
public final class LoggedMain {

    /** Strong references: a log context may drop the settings of a logger nobody holds. */
    private static final List<java.util.logging.Logger> CONFIGURED = new ArrayList<>();
    static final List<String> WARN_ONLY = List.of("org.apache.kafka", "kafka", "state.change.logger", "org.apache.zookeeper");

    private LoggedMain() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length == 0) {
            System.err.println("usage: LoggedMain <main class> [args...]");
            System.exit(2);
        }
        configure();
        try {
            Class.forName(args[0]).getMethod("main", String[].class).invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    static synchronized void configure() {
        LogContext context = LogContext.getLogContext();
        Logger root = context.getLogger("");
        root.setLevel(Level.INFO);
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        ConsoleHandler console = new ConsoleHandler(ConsoleHandler.Target.SYSTEM_OUT,
                new PatternFormatter("%d{yyyy-MM-dd HH:mm:ss,SSS} %-5p [%c{3.}] (%t) %s%e%n"));
        console.setAutoFlush(true);
        root.addHandler(console);
        CONFIGURED.add(root);
        for (String category : WARN_ONLY) {
            Logger logger = context.getLogger(category);
            logger.setLevel(Level.WARNING);
            CONFIGURED.add(logger);
        }
    }
}
