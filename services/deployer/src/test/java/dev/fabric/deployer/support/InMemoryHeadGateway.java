package dev.fabric.deployer.support;

import dev.fabric.deployer.adapter.HeadGateway;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A head that accepts every transaction unless told otherwise, and remembers what it was sent.
 * Tests only: the real gateway builds and signs transactions and talks to hydra-node. As a CDI
 * alternative it replaces the real one in the {@code @QuarkusTest}s that run under
 * {@link InMemoryHeadProfile}.
 */
@Alternative
@ApplicationScoped
public class InMemoryHeadGateway implements HeadGateway {

    /** The four operations, for scripting verdicts. */
    public enum Op { OFFER, ACCEPT, WITHDRAW, CLAIM }

    private final List<OfferTx> offers = new ArrayList<>();
    private final List<AcceptTx> accepts = new ArrayList<>();
    private final List<WithdrawTx> withdrawals = new ArrayList<>();
    private final List<ClaimTx> claims = new ArrayList<>();
    private final Map<Op, Deque<SubmitResult>> scripted = new EnumMap<>(Op.class);
    private HoldingsRead holdings = new HoldingsRead.Read(Holdings.NONE);
    private int txCounter;

    @Override
    public synchronized SubmitResult submitOffer(OfferTx offer) {
        offers.add(offer);
        return verdict(Op.OFFER);
    }

    @Override
    public synchronized SubmitResult submitAccept(AcceptTx accept) {
        accepts.add(accept);
        return verdict(Op.ACCEPT);
    }

    @Override
    public synchronized SubmitResult withdrawOffer(WithdrawTx withdraw) {
        withdrawals.add(withdraw);
        return verdict(Op.WITHDRAW);
    }

    @Override
    public synchronized SubmitResult submitClaim(ClaimTx claim) {
        claims.add(claim);
        return verdict(Op.CLAIM);
    }

    @Override
    public synchronized HoldingsRead holdings() {
        return holdings;
    }

    /** What {@link #holdings()} answers from now on. */
    public synchronized InMemoryHeadGateway holding(HoldingsRead read) {
        holdings = read;
        return this;
    }

    /** The next call of {@code op} gets {@code result} instead of a valid verdict. */
    public synchronized InMemoryHeadGateway next(Op op, SubmitResult result) {
        scripted.computeIfAbsent(op, o -> new ArrayDeque<>()).add(result);
        return this;
    }

    public synchronized List<OfferTx> offers() {
        return List.copyOf(offers);
    }

    public synchronized List<AcceptTx> accepts() {
        return List.copyOf(accepts);
    }

    public synchronized List<WithdrawTx> withdrawals() {
        return List.copyOf(withdrawals);
    }

    public synchronized List<ClaimTx> claims() {
        return List.copyOf(claims);
    }

    public synchronized void reset() {
        offers.clear();
        accepts.clear();
        withdrawals.clear();
        claims.clear();
        scripted.clear();
        holdings = new HoldingsRead.Read(Holdings.NONE);
    }

    private SubmitResult verdict(Op op) {
        Deque<SubmitResult> queue = scripted.get(op);
        if (queue != null && !queue.isEmpty()) {
            return queue.poll();
        }
        String txId = String.format("%064x", 0xfab000 + ++txCounter);
        return new SubmitResult.Valid(txId, Optional.of(txId + "#0"));
    }
}
