package dev.fabric.hydra.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A {@link DelayScheduler} on a fake clock: tasks run only when a test advances time. */
final class ManualScheduler implements DelayScheduler {

    record Task(Instant due, Duration delay, Runnable action, long order) {
    }

    private final List<Task> tasks = new ArrayList<>();
    private final List<Duration> requestedDelays = new ArrayList<>();
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private long counter;

    @Override
    public synchronized Scheduled schedule(Duration delay, Runnable action) {
        Task task = new Task(now.plus(delay), delay, action, counter++);
        tasks.add(task);
        requestedDelays.add(delay);
        return () -> {
            synchronized (ManualScheduler.this) {
                tasks.remove(task);
            }
        };
    }

    @Override
    public Clock clock() {
        return new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                synchronized (ManualScheduler.this) {
                    return now;
                }
            }
        };
    }

    /** Every delay asked for so far, in order. */
    synchronized List<Duration> requestedDelays() {
        return List.copyOf(requestedDelays);
    }

    synchronized int pendingTasks() {
        return tasks.size();
    }

    /** Moves the clock forward, then runs every task that is due by then, earliest first. */
    void advance(Duration by) {
        Instant target;
        synchronized (this) {
            now = now.plus(by);
            target = now;
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.stream()
                        .filter(t -> !t.due().isAfter(target))
                        .min(Comparator.comparing(Task::due).thenComparingLong(Task::order))
                        .orElse(null);
                if (next == null) {
                    return;
                }
                tasks.remove(next);
            }
            next.action().run();
        }
    }

    @Override
    public void close() {
    }
}
