package dev.fabric.deployer.adapter;

import dev.fabric.deployer.domain.Capacity;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The operator's transactions on the Hydra head: build, sign with the operator key, submit, and
 * wait for the head's verdict. This is the seam where the Plutus transaction builders
 * ({@code plutus/}) and the hydra-node client ({@code libs/hydra-client}) plug in; the deployer's
 * decisions and bookkeeping are written against this interface only.
 *
 * <p>Calls block until the head decided: {@link SubmitResult.Valid} only once a snapshot confirmed
 * the transaction (nothing is done before that), {@link SubmitResult.Invalid} when it refused it for
 * good, {@link SubmitResult.Unavailable} when no verdict came in time. They never throw for an
 * outcome the head or the network produced, they return it. Implementations must be thread-safe and
 * safe to call again with the same request: a repeat whose effect is already on the head (the Offer
 * exists, the Lease was claimed) reports it as {@code Valid} instead of spending twice.
 */
public interface HeadGateway {

    /** Posts an Offer UTxO for an auction / reputation bid. {@code Valid.producedRef} is the Offer output. */
    SubmitResult submitOffer(OfferTx offer);

    /** Spends a race-mode bid with {@code Accept}. {@code Valid.producedRef} is the Lease output. */
    SubmitResult submitAccept(AcceptTx accept);

    /** Spends the operator's own Offer with {@code Withdraw}, reclaiming its min-ADA. */
    SubmitResult withdrawOffer(WithdrawTx withdraw);

    /** Spends the Lease with {@code Claim} once it ended, paying the operator. */
    SubmitResult submitClaim(ClaimTx claim);

    /**
     * This operator's Offer and Lease outputs on the head now: what a restart rebuilds its open
     * offers and unclaimed leases from, since the head, not this process, holds them.
     */
    HoldingsRead holdings();

    /**
     * Offer datum: {@code bidRef, operatorPkh, price, offered, expiry} (the operator key is the
     * implementation's).
     */
    record OfferTx(String bidRef, long price, Capacity offered, Instant expiry) {
        public OfferTx {
            Objects.requireNonNull(bidRef, "bidRef");
            Objects.requireNonNull(offered, "offered");
            Objects.requireNonNull(expiry, "expiry");
        }
    }

    /** Accept redeemer: {@code operatorPkh, price}; must land before the bid's deadline. */
    record AcceptTx(String bidRef, long price, Instant deadline) {
        public AcceptTx {
            Objects.requireNonNull(bidRef, "bidRef");
            Objects.requireNonNull(deadline, "deadline");
        }
    }

    /** Withdraw redeemer on the operator's Offer output of this bid. */
    record WithdrawTx(String bidRef, String offerRef) {
        public WithdrawTx {
            Objects.requireNonNull(bidRef, "bidRef");
            Objects.requireNonNull(offerRef, "offerRef");
        }
    }

    /** Claim redeemer on the Lease output; valid only from {@code notBefore} (lease start + duration). */
    record ClaimTx(String bidRef, String leaseRef, Instant notBefore) {
        public ClaimTx {
            Objects.requireNonNull(bidRef, "bidRef");
            Objects.requireNonNull(leaseRef, "leaseRef");
            Objects.requireNonNull(notBefore, "notBefore");
        }
    }

    /** The head's verdict on a submitted transaction. */
    sealed interface SubmitResult {

        /**
         * The head accepted it ({@code TxValid}).
         *
         * @param producedRef the output later steps refer to (Offer, Lease), if the transaction made one
         */
        record Valid(String txId, Optional<String> producedRef) implements SubmitResult {
            public Valid {
                Objects.requireNonNull(txId, "txId");
                Objects.requireNonNull(producedRef, "producedRef");
            }
        }

        /** The head refused it ({@code TxInvalid}): final, e.g. another operator's Accept was first. */
        record Invalid(String reason) implements SubmitResult {
        }

        /** No verdict (head unreachable, timeout): the same request may be retried. */
        record Unavailable(String reason) implements SubmitResult {
        }
    }

    /** The result of {@link #holdings()}. */
    sealed interface HoldingsRead {

        record Read(Holdings holdings) implements HoldingsRead {
            public Read {
                Objects.requireNonNull(holdings, "holdings");
            }
        }

        /** The head could not be read; try again later. */
        record Unavailable(String reason) implements HoldingsRead {
        }
    }

    /**
     * @param offers   Offer outputs whose datum names this operator
     * @param leases   Lease outputs whose datum names this operator (neither claimed nor refunded yet)
     * @param openBids the bids of {@code offers} that are still on the head, i.e. not yet awarded, taken or cancelled
     */
    record Holdings(List<HeldOffer> offers, List<HeldLease> leases, Set<String> openBids) {
        public static final Holdings NONE = new Holdings(List.of(), List.of(), Set.of());

        public Holdings {
            offers = List.copyOf(offers);
            leases = List.copyOf(leases);
            openBids = Set.copyOf(openBids);
        }
    }

    /** An Offer output of this operator, as its datum states it. */
    record HeldOffer(String offerRef, String bidRef, long price, Capacity offered, Instant expiry) {
        public HeldOffer {
            Objects.requireNonNull(offerRef, "offerRef");
            Objects.requireNonNull(bidRef, "bidRef");
            Objects.requireNonNull(offered, "offered");
            Objects.requireNonNull(expiry, "expiry");
        }
    }

    /** A Lease output naming this operator, as its datum states it. */
    record HeldLease(String leaseRef, String bidRef, long price, Instant startAt, long durationSeconds) {
        public HeldLease {
            Objects.requireNonNull(leaseRef, "leaseRef");
            Objects.requireNonNull(bidRef, "bidRef");
            Objects.requireNonNull(startAt, "startAt");
        }

        public Instant endsAt() {
            return startAt.plusSeconds(durationSeconds);
        }
    }
}
