package dev.fabric.settlement.domain;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/** A head whose answers the test lines up in advance; it records every call. */
final class ScriptedHead implements Head {

    final List<String> calls = new ArrayList<>();
    private final Deque<HeadAnswer> answers = new ArrayDeque<>();
    private final Deque<Optional<HeadCheck>> checks = new ArrayDeque<>();

    ScriptedHead answer(HeadAnswer... next) {
        answers.addAll(List.of(next));
        return this;
    }

    ScriptedHead check(HeadCheck... next) {
        for (HeadCheck check : next) {
            checks.add(Optional.of(check));
        }
        return this;
    }

    ScriptedHead checkFails() {
        checks.add(Optional.empty());
        return this;
    }

    @Override
    public HeadAnswer submitAward(Decision decision, Instant now) {
        calls.add("submitAward " + decision.bidRef());
        return next();
    }

    @Override
    public HeadAnswer submitRefund(LeaseTerms lease, Instant now) {
        calls.add("submitRefund " + lease.leaseRef());
        return next();
    }

    @Override
    public HeadAnswer resubmit(PreparedTx tx) {
        calls.add("resubmit " + tx.txId());
        return next();
    }

    @Override
    public SettlementInput.Inspected inspect(TxPurpose purpose, PreparedTx tx) {
        calls.add("inspect " + tx.txId());
        if (checks.isEmpty()) {
            throw new AssertionError("unexpected inspection of " + tx);
        }
        return new SettlementInput.Inspected(purpose, tx, checks.removeFirst(), "head down");
    }

    private HeadAnswer next() {
        if (answers.isEmpty()) {
            throw new AssertionError("unexpected head call: " + calls.get(calls.size() - 1));
        }
        return answers.removeFirst();
    }
}
