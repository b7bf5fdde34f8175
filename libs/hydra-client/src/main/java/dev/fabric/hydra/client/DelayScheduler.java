package dev.fabric.hydra.client;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs delayed tasks for a connection: reconnects, pings and the idle check. Injectable so tests can
 * drive time by hand instead of sleeping.
 */
public interface DelayScheduler extends AutoCloseable {

    /** A scheduled task that may be cancelled. */
    interface Scheduled {
        void cancel();
    }

    Scheduled schedule(Duration delay, Runnable task);

    /** The clock the delays are measured on. */
    Clock clock();

    @Override
    void close();

    /** A single daemon thread on the system clock. */
    static DelayScheduler daemonThread(String name) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
        return new DelayScheduler() {
            @Override
            public Scheduled schedule(Duration delay, Runnable task) {
                ScheduledFuture<?> future = executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
                return () -> future.cancel(false);
            }

            @Override
            public Clock clock() {
                return Clock.systemUTC();
            }

            @Override
            public void close() {
                executor.shutdownNow();
            }
        };
    }
}
