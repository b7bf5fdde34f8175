package dev.fabric.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.Logger;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.jboss.logmanager.handlers.ConsoleHandler;

/**
 * Console logging at INFO, Kafka at WARN, for JVMs that Quarkus does not configure: plain tests (the
 * embedded broker logs in the test's JVM) and the grid's broker and devnet processes.
 *
 * <p>Outside a started Quarkus application nothing configures the JBoss log context SLF4J writes to:
 * every level is open, and Quarkus' bootstrap (when on the class path) queues each record in a delayed
 * handler until an application hands it its handlers. So Kafka formatted every TRACE message for nobody,
 * Scalus rendered every script context as JSON, and a failing test left no log. The delayed handler, when
 * there is one, is given the console (which replays what it queued); a Quarkus application started later
 * in the same JVM replaces both levels and handlers with its own configuration.
 */
public final class ConsoleLogging {

    static final List<String> WARN_ONLY = List.of("org.apache.kafka", "kafka", "state.change.logger", "org.apache.zookeeper");
    /** Strong references: a log context may drop the settings of a logger nobody holds. */
    private static final List<java.util.logging.Logger> CONFIGURED = new ArrayList<>();
    private static boolean configured;

    private ConsoleLogging() {
    }

    /** Idempotent: the first call configures the JVM's log context, later ones do nothing. */
    public static synchronized void configure() {
        if (configured) {
            return;
        }
        configured = true;
        LogContext context = LogContext.getLogContext();
        Logger root = context.getLogger("");
        ConsoleHandler console = new ConsoleHandler(ConsoleHandler.Target.SYSTEM_OUT,
                new PatternFormatter("%d{yyyy-MM-dd HH:mm:ss,SSS} %-5p [%c{3.}] (%t) %s%e%n"));
        console.setAutoFlush(true);
        boolean delayed = false;
        for (Handler handler : root.getHandlers()) {
            if (handler instanceof ExtHandler ext && handler.getClass().getSimpleName().contains("DelayedHandler")) {
                if (activated(ext)) {
                    return;   // a Quarkus application in this JVM has configured logging already
                }
                ext.setHandlers(new Handler[] {console});
                delayed = true;
            }
        }
        if (!delayed) {
            root.setHandlers(new Handler[] {console});
        }
        root.setLevel(Level.INFO);
        CONFIGURED.add(root);
        for (String category : WARN_ONLY) {
            Logger logger = context.getLogger(category);
            logger.setLevel(Level.WARNING);
            CONFIGURED.add(logger);
        }
    }

    private static boolean activated(ExtHandler delayed) {
        try {
            return Boolean.TRUE.equals(delayed.getClass().getMethod("isActivated").invoke(delayed));
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }
}
