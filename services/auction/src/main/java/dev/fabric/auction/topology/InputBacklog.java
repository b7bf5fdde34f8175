package dev.fabric.auction.topology;

import org.apache.kafka.streams.processor.TaskId;

/**
 * Whether a task may still have input to read. The wall clock may stand in for event time only when
 * the head is quiet, not while the task is catching up after a restart or a stall: then the wall
 * clock is far ahead of the inputs and would close auctions before their offers are read.
 */
@FunctionalInterface
public interface InputBacklog {

    /** For TopologyTestDriver, which has no consumer: every piped record has been processed. */
    InputBacklog NONE = task -> false;

    /** True when the task's input partitions hold records it has not processed yet, or when that is unknown. */
    boolean pending(TaskId task);
}
