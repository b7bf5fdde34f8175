package dev.fabric.settlement.domain;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of applying one input to a bid's state.
 *
 * @param state        the new state; empty when the bid is to be forgotten (settled long ago)
 * @param publications events to publish, in order
 * @param commands     head work to do; each answer is applied as the next input
 * @param rejections   inputs to dead-letter
 * @param notices      things to log and count
 */
public record Step(Optional<BidSettlement> state, List<Publication> publications, List<Command> commands,
                   List<Rejection> rejections, List<Notice> notices) {

    public Step {
        Objects.requireNonNull(state, "state");
        publications = List.copyOf(publications);
        commands = List.copyOf(commands);
        rejections = List.copyOf(rejections);
        notices = List.copyOf(notices);
    }
}
