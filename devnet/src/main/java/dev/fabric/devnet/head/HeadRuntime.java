package dev.fabric.devnet.head;

import dev.fabric.devnet.ledger.TxValidation;
import dev.fabric.devnet.wallet.DevnetKey;
import dev.fabric.hydra.api.HydraMessageCodec;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * A {@link Head} with the one thread that owns it. Everything that touches the head goes through
 * {@link #run} or {@link #call}; a failing task is logged and never stops the thread.
 */
public final class HeadRuntime implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(HeadRuntime.class);

    private final ScheduledExecutorService thread;
    private final Head head;
    private final EventJournal journal;

    private HeadRuntime(ScheduledExecutorService thread, Head head, EventJournal journal) {
        this.thread = thread;
        this.head = head;
        this.journal = journal;
    }

    /** Rebuilds the head from {@code journal} on a new head thread and resumes it. */
    public static HeadRuntime start(DevnetConfig config, TxValidation ledger, EventJournal journal, HeadOutputs outputs,
                                    DevnetKey nodeKey, HydraMessageCodec codec) {
        ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "devnet-head");
            t.setDaemon(true);
            return t;
        });
        Head head = new Head(config, ledger, journal, outputs, new GuardedScheduler(thread), nodeKey, codec);
        HeadRuntime runtime = new HeadRuntime(thread, head, journal);
        runtime.call(h -> {
            h.start();
            return null;
        }).join();
        return runtime;
    }

    public void run(Consumer<Head> task) {
        try {
            thread.execute(() -> {
                try {
                    task.accept(head);
                } catch (RuntimeException e) {
                    LOG.errorf(e, "a head task failed; the head goes on");
                }
            });
        } catch (RejectedExecutionException stopped) {
            // input that raced a restart or close: its connection is being dropped anyway
            LOG.debug("head stopped; input dropped");
        }
    }

    public <T> CompletableFuture<T> call(Function<Head, T> query) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            thread.execute(() -> {
                try {
                    result.complete(query.apply(head));
                } catch (RuntimeException e) {
                    LOG.errorf(e, "a head query failed");
                    result.completeExceptionally(e);
                }
            });
        } catch (RuntimeException rejected) {
            result.completeExceptionally(rejected);
        }
        return result;
    }

    public EventJournal journal() {
        return journal;
    }

    /** Stops the head thread (pending timers die with it) and closes the journal. */
    @Override
    public void close() {
        thread.shutdownNow();
        try {
            if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("the head thread did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        journal.close();
    }
}
