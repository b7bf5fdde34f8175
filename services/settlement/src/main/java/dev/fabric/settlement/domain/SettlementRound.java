package dev.fabric.settlement.domain;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Applies one input to a bid and carries out the head work it leads to, feeding each answer back
 * into the machine, until the bid has nothing left to do right now. The result is one combined
 * {@link Step}: the state to store and everything to publish, all committed together.
 */
public final class SettlementRound {

    /** A round never needs more than a handful of head calls; more means a loop in the rules. */
    static final int MAX_COMMANDS = 8;

    private final SettlementMachine machine;
    private final Head head;

    public SettlementRound(SettlementMachine machine, Head head) {
        this.machine = Objects.requireNonNull(machine, "machine");
        this.head = Objects.requireNonNull(head, "head");
    }

    public Step run(BidSettlement state, SettlementInput input, Instant now) {
        Step step = machine.apply(state, input, now);
        List<Publication> publications = new ArrayList<>(step.publications());
        List<Rejection> rejections = new ArrayList<>(step.rejections());
        List<Notice> notices = new ArrayList<>(step.notices());
        Deque<Command> pending = new ArrayDeque<>(step.commands());
        Optional<BidSettlement> current = step.state();
        int executed = 0;
        while (!pending.isEmpty() && current.isPresent()) {
            if (++executed > MAX_COMMANDS) {
                throw new IllegalStateException("settlement of " + state.bidRef() + " issued more than " + MAX_COMMANDS
                        + " head commands in one round: " + pending);
            }
            SettlementInput answer = execute(pending.removeFirst(), now);
            Step next = machine.apply(current.get(), answer, now);
            publications.addAll(next.publications());
            rejections.addAll(next.rejections());
            notices.addAll(next.notices());
            pending.addAll(next.commands());
            current = next.state();
        }
        return new Step(current, publications, List.of(), rejections, notices);
    }

    private SettlementInput execute(Command command, Instant now) {
        if (command instanceof Command.SubmitAward award) {
            return new SettlementInput.Answered(TxPurpose.AWARD, head.submitAward(award.decision(), now));
        }
        if (command instanceof Command.SubmitRefund refund) {
            return new SettlementInput.Answered(TxPurpose.REFUND, head.submitRefund(refund.lease(), now));
        }
        if (command instanceof Command.Resubmit resubmit) {
            return new SettlementInput.Answered(resubmit.purpose(), head.resubmit(resubmit.tx()));
        }
        if (command instanceof Command.Inspect inspect) {
            return head.inspect(inspect.purpose(), inspect.tx());
        }
        throw new IllegalArgumentException("unknown command " + command);
    }
}
