package dev.fabric.settlement.adapter;

import dev.fabric.plutus.head.HeadUtxos;
import com.bloxbean.cardano.client.api.model.Utxo;
import dev.fabric.hydra.api.SubmitTxResult;
import dev.fabric.hydra.api.Transaction;
import dev.fabric.hydra.api.TxIn;
import dev.fabric.hydra.api.TxOut;
import dev.fabric.hydra.client.HydraHttpClient;
import dev.fabric.plutus.datum.BidDatum;
import dev.fabric.plutus.datum.KeyHash;
import dev.fabric.plutus.datum.LeaseDatum;
import dev.fabric.plutus.datum.Mode;
import dev.fabric.plutus.datum.OfferDatum;
import dev.fabric.plutus.tx.ScriptRejectedException;
import dev.fabric.plutus.tx.SignedTransaction;
import dev.fabric.plutus.tx.TransactionDraft;
import dev.fabric.settlement.domain.Decision;
import dev.fabric.settlement.domain.Head;
import dev.fabric.settlement.domain.HeadAnswer;
import dev.fabric.settlement.domain.HeadCheck;
import dev.fabric.settlement.domain.LeaseTerms;
import dev.fabric.settlement.domain.PreparedTx;
import dev.fabric.settlement.domain.SettlementInput;
import dev.fabric.settlement.domain.TxPurpose;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The Hydra head as settlement uses it: inputs from {@code GET /snapshot/utxo}, transactions from
 * the plutus builders (reference scripts, the arbiter's collateral), scripts evaluated in the JVM
 * so the declared units are the measured ones, submission with {@code POST /transaction}.
 *
 * <p>Transactions are deterministic: the same decision and the same head outputs give the same
 * bytes. The validity range of an Award depends only on the decision and the bid/offer datums.
 */
public final class HydraHead implements Head {

    private static final Logger LOG = Logger.getLogger(HydraHead.class);
    /** The Award may be valid from a little before the decision, so a head clock slightly behind ours still takes it. */
    static final Duration VALID_FROM_SLACK = Duration.ofMinutes(1);
    /** Award and Refund outputs: lease, change, operator deposit; looking a few further costs nothing. */
    private static final int OUTPUTS_TO_LOOK_FOR = 8;

    private final ArbiterWallet wallet;
    private final HeadUtxoView view;
    private final HydraHttpClient http;
    private final Duration awardValidity;
    private final HeadActivity activity;

    /**
     * @param awardValidity how long after the decision an Award may still be confirmed; its end is
     *                      also the lease's start, so it trades lost awards against late starts
     */
    public HydraHead(ArbiterWallet wallet, HeadUtxoView view, HydraHttpClient http, Duration awardValidity, HeadActivity activity) {
        this.wallet = Objects.requireNonNull(wallet, "wallet");
        this.view = Objects.requireNonNull(view, "view");
        this.http = Objects.requireNonNull(http, "http");
        this.awardValidity = Objects.requireNonNull(awardValidity, "awardValidity");
        this.activity = Objects.requireNonNull(activity, "activity");
    }

    @Override
    public HeadAnswer submitAward(Decision decision, Instant now) {
        HeadSession session;
        Optional<TxOut> bid;
        Optional<TxOut> offer;
        TxIn bidIn = TxIn.parse(decision.bidRef());
        TxIn offerIn = TxIn.parse(decision.offerRef().orElseThrow());
        try {
            session = wallet.session();
            bid = view.output(bidIn);
            offer = bid.isPresent() ? view.output(offerIn) : Optional.empty();
        } catch (HeadUnavailableException e) {
            activity.headTrouble("unreachable");
            return new HeadAnswer.Unavailable(Optional.empty(), e.getMessage());
        }
        if (bid.isEmpty()) {
            return new HeadAnswer.InputMissing(decision.bidRef(), "bid");
        }
        if (offer.isEmpty()) {
            return new HeadAnswer.Refused(Optional.empty(), "the winning offer " + decision.offerRef().get()
                    + " is no longer on the head (withdrawn or used)");
        }
        Utxo bidUtxo = HeadUtxos.toUtxo(bidIn, bid.get());
        Utxo offerUtxo = HeadUtxos.toUtxo(offerIn, offer.get());
        BidDatum bidDatum;
        OfferDatum offerDatum;
        try {
            bidDatum = BidDatum.fromInlineDatumHex(bidUtxo.getInlineDatum());
            offerDatum = OfferDatum.fromInlineDatumHex(offerUtxo.getInlineDatum());
        } catch (RuntimeException e) {
            return new HeadAnswer.Refused(Optional.empty(), "the bid or offer on the head has no readable datum: " + e.getMessage());
        }
        Optional<String> mismatch = mismatch(decision, bidDatum, offerDatum, session.arbiter().keyHash());
        if (mismatch.isPresent()) {
            return new HeadAnswer.Refused(Optional.empty(), mismatch.get());
        }
        long validFrom = decision.decidedAt().minus(VALID_FROM_SLACK).toEpochMilli();
        long validUntil = Math.min(Math.min(bidDatum.deadlineMs(), offerDatum.expiryMs()),
                decision.decidedAt().plus(awardValidity).toEpochMilli());
        long lastSlotStart = session.timing().startOf(session.timing().slotAtOrBefore(validUntil));
        if (lastSlotStart <= now.toEpochMilli()) {
            return new HeadAnswer.Refused(Optional.empty(), "too late: the Award had to be confirmed before "
                    + Instant.ofEpochMilli(lastSlotStart) + " (bid deadline, offer expiry or decision + " + awardValidity + ")");
        }
        return complete(TxPurpose.AWARD, decision.bidRef(),
                () -> session.transactions().award(bidUtxo, offerUtxo, session.arbiter(), session.collateral(), validFrom, validUntil),
                session);
    }

    private static Optional<String> mismatch(Decision decision, BidDatum bid, OfferDatum offer, KeyHash arbiter) {
        if (bid.mode() instanceof Mode.Race) {
            return Optional.of("the bid on the head is in race mode: it is taken by an Accept, not awarded");
        }
        if (!offer.bidRef().toString().equals(decision.bidRef())) {
            return Optional.of("the winning offer " + decision.offerRef().orElse("?") + " is for bid " + offer.bidRef()
                    + ", not " + decision.bidRef());
        }
        if (!offer.operatorPkh().hex().equals(decision.operatorId())) {
            return Optional.of("the winning offer belongs to " + offer.operatorPkh() + ", the decision names " + decision.operatorId());
        }
        if (offer.price() != decision.price()) {
            return Optional.of("the winning offer asks " + offer.price() + ", the decision settles at " + decision.price());
        }
        if (bid.arbiter().isEmpty()) {
            return Optional.of("the bid names no arbiter, so only its app can sign the Award");
        }
        if (!bid.arbiter().get().equals(arbiter)) {
            return Optional.of("the bid names arbiter " + bid.arbiter().get() + "; this service signs as " + arbiter);
        }
        return Optional.empty();
    }

    @Override
    public HeadAnswer submitRefund(LeaseTerms lease, Instant now) {
        HeadSession session;
        Optional<TxOut> output;
        TxIn leaseIn = TxIn.parse(lease.leaseRef());
        try {
            session = wallet.session();
            output = view.output(leaseIn);
        } catch (HeadUnavailableException e) {
            activity.headTrouble("unreachable");
            return new HeadAnswer.Unavailable(Optional.empty(), e.getMessage());
        }
        if (output.isEmpty()) {
            return new HeadAnswer.InputMissing(lease.leaseRef(), "lease");
        }
        Utxo leaseUtxo = HeadUtxos.toUtxo(leaseIn, output.get());
        try {
            LeaseDatum datum = LeaseDatum.fromInlineDatumHex(leaseUtxo.getInlineDatum());
            if (datum.arbiter().filter(session.arbiter().keyHash()::equals).isEmpty()) {
                return new HeadAnswer.Refused(Optional.empty(), "the lease names arbiter "
                        + datum.arbiter().map(KeyHash::hex).orElse("(none)") + "; this service signs as "
                        + session.arbiter().keyHash() + ", so only the app and operator together can refund it");
            }
        } catch (RuntimeException e) {
            return new HeadAnswer.Refused(Optional.empty(), "the lease on the head has no readable datum: " + e.getMessage());
        }
        return complete(TxPurpose.REFUND, lease.leaseRef(),
                () -> session.transactions().refund(leaseUtxo, List.of(session.arbiter()), session.collateral()), session);
    }

    private HeadAnswer complete(TxPurpose purpose, String spends, Supplier<TransactionDraft> draft, HeadSession session) {
        SignedTransaction signed;
        long started = System.nanoTime();
        try {
            signed = draft.get().complete(session.evaluator());
        } catch (ScriptRejectedException e) {
            return new HeadAnswer.Refused(Optional.empty(), "the validators reject this " + purpose + ": " + e.getMessage());
        } catch (IllegalArgumentException | IllegalStateException e) {
            return new HeadAnswer.Refused(Optional.empty(), "cannot build the " + purpose + ": " + e.getMessage());
        }
        activity.completed(purpose, Duration.ofNanos(System.nanoTime() - started));
        return submit(purpose, new PreparedTx(signed.txId(), signed.cborHex(), spends));
    }

    @Override
    public HeadAnswer resubmit(PreparedTx tx) {
        return submit(null, tx);
    }

    private HeadAnswer submit(TxPurpose purpose, PreparedTx tx) {
        SubmitTxResult result;
        long started = System.nanoTime();
        try {
            result = http.submitTransaction(Transaction.conway(tx.cborHex(), tx.txId()));
        } catch (RuntimeException e) {
            activity.headTrouble("unreachable");
            return new HeadAnswer.Unavailable(Optional.of(tx), "cannot submit " + tx.txId() + ": " + e.getMessage());
        }
        if (purpose != null) {
            activity.submitted(purpose, Duration.ofNanos(System.nanoTime() - started));
        }
        if (result instanceof SubmitTxResult.SubmitTxSubmitted || result instanceof SubmitTxResult.SubmitTxConfirmed) {
            return new HeadAnswer.Accepted(tx);
        }
        if (result instanceof SubmitTxResult.SubmitTxRejected rejected) {
            activity.headTrouble("unsynced");
            return new HeadAnswer.Unavailable(Optional.of(tx), "the head is not accepting transactions: " + rejected.reason());
        }
        String reason = ((SubmitTxResult.SubmitTxInvalid) result).validationError();
        if (reason != null && reason.contains("BadInputsUTxO")) {
            // Spent inputs may just mean the transaction is already in: judge it against the confirmed UTxO.
            Optional<HeadCheck> check = check(tx);
            if (check.isEmpty()) {
                return new HeadAnswer.Unavailable(Optional.of(tx), "BadInputsUTxO for " + tx.txId() + " and the head's UTxO cannot be read");
            }
            LOG.debugf("%s: BadInputsUTxO judged %s", tx.txId(), check.get());
            return new HeadAnswer.Conflicted(tx, check.get());
        }
        return new HeadAnswer.Refused(Optional.of(tx), "the head rejected " + tx.txId() + ": " + reason);
    }

    @Override
    public SettlementInput.Inspected inspect(TxPurpose purpose, PreparedTx tx) {
        Optional<HeadCheck> check = check(tx);
        return new SettlementInput.Inspected(purpose, tx, check,
                check.isPresent() ? "" : "the head's UTxO cannot be read to look for " + tx.txId());
    }

    private Optional<HeadCheck> check(PreparedTx tx) {
        Map<TxIn, TxOut> utxo;
        try {
            utxo = view.fresh();
        } catch (HeadUnavailableException e) {
            activity.headTrouble("unreachable");
            return Optional.empty();
        }
        for (int index = 0; index < OUTPUTS_TO_LOOK_FOR; index++) {
            if (utxo.containsKey(new TxIn(tx.txId(), index))) {
                return Optional.of(HeadCheck.CONFIRMED);
            }
        }
        return Optional.of(utxo.containsKey(TxIn.parse(tx.spends())) ? HeadCheck.PENDING : HeadCheck.SPENT_ELSEWHERE);
    }
}
