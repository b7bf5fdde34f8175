package dev.fabric.deployer.adapter;

import com.bloxbean.cardano.client.api.model.Utxo;
import com.bloxbean.cardano.client.common.model.Network;
import dev.fabric.deployer.domain.Capacity;
import dev.fabric.hydra.api.Transaction;
import dev.fabric.hydra.api.TxIn;
import dev.fabric.hydra.api.TxOut;
import dev.fabric.hydra.client.HydraHttpClient;
import dev.fabric.hydra.client.Submission;
import dev.fabric.hydra.client.TxRejectedException;
import dev.fabric.hydra.client.TxSubmitter;
import dev.fabric.plutus.blueprint.FabricScripts;
import dev.fabric.plutus.blueprint.ValidatorSet;
import dev.fabric.plutus.datum.BidDatum;
import dev.fabric.plutus.datum.KeyHash;
import dev.fabric.plutus.datum.LeaseDatum;
import dev.fabric.plutus.datum.OfferDatum;
import dev.fabric.plutus.datum.OutRef;
import dev.fabric.plutus.datum.Resources;
import dev.fabric.plutus.eval.ScriptEvaluator;
import dev.fabric.plutus.eval.SlotTiming;
import dev.fabric.plutus.head.HeadUtxos;
import dev.fabric.plutus.params.ProtocolParameters;
import dev.fabric.plutus.tx.FabricTransactions;
import dev.fabric.plutus.tx.ScriptRejectedException;
import dev.fabric.plutus.tx.SignedTransaction;
import dev.fabric.plutus.tx.SigningKey;
import dev.fabric.plutus.tx.TransactionDraft;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The operator's transactions on a real head: inputs resolved from the confirmed UTxO
 * ({@code GET /snapshot/utxo}), transactions built with the plutus builders and signed with the
 * operator key, submitted with {@code POST /transaction} and followed to a {@code SnapshotConfirmed}.
 *
 * <ul>
 *   <li><b>Funding and collateral</b> come from the operator's own ada-only outputs at its address.
 *       Collateral is the first such output in ledger order holding at least the configured
 *       minimum; funding (offers only) prefers the smallest single output that covers the deposit.
 *       Outputs used by a transaction in flight are skipped ({@link InFlightInputs}).</li>
 *   <li><b>Reference scripts</b> are found in the head's UTxO by script hash, wherever they were
 *       published (settlement publishes them); a validator without one travels inline.</li>
 *   <li><b>Repeats</b>: a request is first checked against the head (its Offer or Lease already
 *       there, its input already spent by the transaction this gateway built), and a transaction
 *       built for a request is kept and resubmitted byte for byte until the head decided, so a retry
 *       never spends twice and never builds a second, different transaction for the same request.</li>
 * </ul>
 */
public final class HydraHeadGateway implements HeadGateway {

    private static final Logger LOG = Logger.getLogger(HydraHeadGateway.class);
    /** A transaction is valid from a little before it was built, so a head clock slightly behind ours still takes it. */
    static final Duration VALID_FROM_SLACK = Duration.ofSeconds(60);
    /** How often the confirmed UTxO is checked while waiting for a snapshot. */
    static final Duration CONFIRMATION_POLL = Duration.ofSeconds(1);

    /**
     * @param acceptValidity  how long an Accept may take to be confirmed; its end is also the lease's start
     * @param collateralMinimum the least an output must hold to serve as collateral
     * @param inFlightTtl     how long a submitted transaction without a verdict is assumed still able to land
     */
    public record Settings(Duration acceptValidity, long collateralMinimum, Duration inFlightTtl) {
        public Settings {
            Objects.requireNonNull(acceptValidity, "acceptValidity");
            Objects.requireNonNull(inFlightTtl, "inFlightTtl");
            if (acceptValidity.toMillis() < 1000) {
                throw new IllegalArgumentException("acceptValidity must be at least one slot (1 s), got " + acceptValidity);
            }
        }
    }

    private final HydraHttpClient http;
    private final TxSubmitter submitter;
    private final SigningKey operator;
    private final Network network;
    private final SlotTiming timing;
    private final Settings settings;
    private final Clock clock;
    private final String address;
    private final ValidatorSet scripts = FabricScripts.validators();
    private final String offerAddress;
    private final String leaseAddress;
    private final InFlightInputs inFlight = new InFlightInputs();
    /** Transactions built for a request that the head has not decided yet, by request. Guarded by this. */
    private final Map<Object, Prepared> prepared = new HashMap<>();
    /** Requests the head confirmed, so a repeat gets the same answer. Guarded by this. */
    private final Map<Object, Confirmed> confirmed = new HashMap<>();
    private volatile Builders builders;

    /** A signed transaction and what it uses; {@code subject} is the script output it spends, if any. */
    private record Prepared(SignedTransaction tx, Set<TxIn> spends, Set<TxIn> collateral, Optional<TxIn> subject,
                            Optional<Integer> producedIndex, Instant builtAt, boolean acceptedOnce) {
        Prepared accepted() {
            return new Prepared(tx, spends, collateral, subject, producedIndex, builtAt, true);
        }

        SubmitResult.Valid valid() {
            return new SubmitResult.Valid(tx.txId(), producedIndex.map(i -> tx.txId() + "#" + i));
        }
    }

    private record Confirmed(SubmitResult.Valid result, Instant until) {
    }

    private record Builders(ProtocolParameters parameters, ScriptEvaluator evaluator, FabricTransactions transactions) {
    }

    /** What to do for a request, given the head's UTxO. */
    private sealed interface Plan {
        record Done(SubmitResult result) implements Plan {
        }

        record Build(TransactionDraft draft, Set<TxIn> spends, Set<TxIn> collateral, Optional<TxIn> subject,
                     Optional<Integer> producedIndex) implements Plan {
        }
    }

    /** How a submission ended, before it is judged against the head. */
    private sealed interface Outcome {
        record Confirmed() implements Outcome {
        }

        record Refused(TxRejectedException.Reason reason, String detail) implements Outcome {
        }

        record Silent(String reason, boolean accepted) implements Outcome {
        }
    }

    public HydraHeadGateway(HydraHttpClient http, TxSubmitter submitter, SigningKey operator, Network network, SlotTiming timing,
                            Settings settings, Clock clock) {
        this.http = Objects.requireNonNull(http, "http");
        this.submitter = Objects.requireNonNull(submitter, "submitter");
        this.operator = Objects.requireNonNull(operator, "operator");
        this.network = Objects.requireNonNull(network, "network");
        this.timing = Objects.requireNonNull(timing, "timing");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.address = operator.address(network).toBech32();
        this.offerAddress = scripts.offer().addressBech32(network);
        this.leaseAddress = scripts.lease().addressBech32(network);
    }

    /** The operator's enterprise address: where its funding, collateral, claims and withdrawn deposits are. */
    public String address() {
        return address;
    }

    // ---------------------------------------------------------------- operations

    @Override
    public SubmitResult submitOffer(OfferTx offer) {
        return run(offer, "offer for bid " + offer.bidRef(), view -> {
            OutRef bidRef = OutRef.parse(offer.bidRef());
            Optional<Map.Entry<TxIn, OfferDatum>> existing = ownOffers(view).entrySet().stream()
                    .filter(e -> e.getValue().bidRef().equals(bidRef)).findFirst();
            if (existing.isPresent()) {
                // Already made (an earlier run, or a repeat after a lost answer): the same offer, not a second one.
                TxIn in = existing.get().getKey();
                return new Plan.Done(new SubmitResult.Valid(in.txId(), Optional.of(in.toString())));
            }
            if (view.get(TxIn.parse(offer.bidRef())) == null) {
                return new Plan.Done(new SubmitResult.Invalid("bid " + offer.bidRef()
                        + " is not on the head (taken, awarded, cancelled, or never confirmed)"));
            }
            Capacity c = offer.offered();
            OfferDatum datum = new OfferDatum(bidRef, operator.keyHash(), offer.price(),
                    new Resources(c.cpuMillis(), c.memoryMiB(), c.storageGiB(), c.gpus()), offer.expiry().toEpochMilli());
            FabricTransactions txs = builders(view).transactions();
            List<Map.Entry<TxIn, TxOut>> free = fundingCandidates(view);
            if (free.isEmpty()) {
                return new Plan.Done(new SubmitResult.Unavailable("no free ada-only output at " + address
                        + " to fund the offer deposit: fund the operator, or wait for transactions in flight"));
            }
            // One output if one will do (leaves the others free for concurrent transactions), else all of them.
            List<List<Map.Entry<TxIn, TxOut>>> choices = new ArrayList<>();
            free.forEach(e -> choices.add(List.of(e)));
            if (free.size() > 1) {
                choices.add(free);
            }
            for (List<Map.Entry<TxIn, TxOut>> funding : choices) {
                try {
                    TransactionDraft draft = txs.makeOffer(funding.stream().map(e -> HeadUtxos.toUtxo(e.getKey(), e.getValue())).toList(),
                            datum, operator);
                    return new Plan.Build(draft, keys(funding), Set.of(), Optional.empty(), Optional.of(0));
                } catch (IllegalArgumentException tooSmall) {
                    LOG.debugf("Funding %s does not fit the offer for %s: %s", keys(funding), offer.bidRef(), tooSmall.getMessage());
                }
            }
            return new Plan.Done(new SubmitResult.Unavailable("the free outputs at " + address
                    + " cannot fund an offer deposit of " + txs.offerDeposit(datum) + " lovelace with a valid change output"));
        });
    }

    @Override
    public SubmitResult submitAccept(AcceptTx accept) {
        return run(accept, "accept of bid " + accept.bidRef(), view -> {
            OutRef bidRef = OutRef.parse(accept.bidRef());
            Optional<TxIn> lease = ownLeases(view).entrySet().stream()
                    .filter(e -> e.getValue().bidRef().equals(bidRef)).map(Map.Entry::getKey).findFirst();
            if (lease.isPresent()) {
                return new Plan.Done(new SubmitResult.Valid(lease.get().txId(), Optional.of(lease.get().toString())));
            }
            TxIn bidIn = TxIn.parse(accept.bidRef());
            TxOut bidOut = view.get(bidIn);
            if (bidOut == null) {
                return new Plan.Done(new SubmitResult.Invalid("bid " + accept.bidRef()
                        + " is no longer on the head: another operator's accept, a cancel, or never confirmed"));
            }
            Optional<Map.Entry<TxIn, TxOut>> collateral = collateral(view);
            if (collateral.isEmpty()) {
                return noCollateral();
            }
            Utxo bidUtxo = HeadUtxos.toUtxo(bidIn, bidOut);
            BidDatum bid = BidDatum.fromInlineDatumHex(bidUtxo.getInlineDatum());
            long now = clock.millis();
            long validUntil = Math.min(Math.min(accept.deadline().toEpochMilli(), bid.deadlineMs()),
                    now + settings.acceptValidity().toMillis());
            if (timing.startOf(timing.slotAtOrBefore(validUntil)) <= now) {
                return new Plan.Done(new SubmitResult.Invalid("too late: bid " + accept.bidRef() + " had to be taken before "
                        + Instant.ofEpochMilli(bid.deadlineMs())));
            }
            long validFrom = now - VALID_FROM_SLACK.toMillis();
            TransactionDraft draft = builders(view).transactions().raceAccept(bidUtxo, accept.price(), operator,
                    HeadUtxos.toUtxo(collateral.get().getKey(), collateral.get().getValue()), validFrom, validUntil);
            return new Plan.Build(draft, Set.of(bidIn), Set.of(collateral.get().getKey()), Optional.of(bidIn), Optional.of(0));
        });
    }

    @Override
    public SubmitResult withdrawOffer(WithdrawTx withdraw) {
        return run(withdraw, "withdrawal of offer " + withdraw.offerRef(), view -> {
            TxIn offerIn = TxIn.parse(withdraw.offerRef());
            TxOut offerOut = view.get(offerIn);
            if (offerOut == null) {
                return new Plan.Done(new SubmitResult.Invalid("offer " + withdraw.offerRef()
                        + " is no longer on the head: used by an award, or already withdrawn"));
            }
            Utxo offerUtxo = HeadUtxos.toUtxo(offerIn, offerOut);
            OfferDatum offer = OfferDatum.fromInlineDatumHex(offerUtxo.getInlineDatum());
            if (!offer.operatorPkh().equals(operator.keyHash())) {
                return new Plan.Done(new SubmitResult.Invalid("offer " + withdraw.offerRef() + " belongs to " + offer.operatorPkh()));
            }
            Optional<Map.Entry<TxIn, TxOut>> collateral = collateral(view);
            if (collateral.isEmpty()) {
                return noCollateral();
            }
            TransactionDraft draft = builders(view).transactions().withdrawOffer(offerUtxo, operator,
                    HeadUtxos.toUtxo(collateral.get().getKey(), collateral.get().getValue()));
            return new Plan.Build(draft, Set.of(offerIn), Set.of(collateral.get().getKey()), Optional.of(offerIn), Optional.empty());
        });
    }

    @Override
    public SubmitResult submitClaim(ClaimTx claim) {
        return run(claim, "claim of lease " + claim.leaseRef(), view -> {
            TxIn leaseIn = TxIn.parse(claim.leaseRef());
            TxOut leaseOut = view.get(leaseIn);
            if (leaseOut == null) {
                return new Plan.Done(new SubmitResult.Invalid("lease " + claim.leaseRef()
                        + " is no longer on the head: already claimed or refunded"));
            }
            Utxo leaseUtxo = HeadUtxos.toUtxo(leaseIn, leaseOut);
            LeaseDatum lease = LeaseDatum.fromInlineDatumHex(leaseUtxo.getInlineDatum());
            if (!lease.operatorPkh().equals(operator.keyHash())) {
                return new Plan.Done(new SubmitResult.Invalid("lease " + claim.leaseRef() + " is operator " + lease.operatorPkh() + "'s"));
            }
            // The validator counts from the datum's start; the request's notBefore can only be later.
            long from = Math.max(claim.notBefore().toEpochMilli(), lease.endMs());
            long claimableAt = timing.startOf(timing.slotAtOrAfter(from));
            if (clock.millis() < claimableAt) {
                return new Plan.Done(new SubmitResult.Unavailable("lease " + claim.leaseRef() + " can be claimed from "
                        + Instant.ofEpochMilli(claimableAt)));
            }
            Optional<Map.Entry<TxIn, TxOut>> collateral = collateral(view);
            if (collateral.isEmpty()) {
                return noCollateral();
            }
            TransactionDraft draft = builders(view).transactions().claim(leaseUtxo, operator, Optional.empty(),
                    HeadUtxos.toUtxo(collateral.get().getKey(), collateral.get().getValue()), from);
            return new Plan.Build(draft, Set.of(leaseIn), Set.of(collateral.get().getKey()), Optional.of(leaseIn), Optional.empty());
        });
    }

    @Override
    public HoldingsRead holdings() {
        Map<TxIn, TxOut> view;
        try {
            view = view();
        } catch (HeadUnavailableException e) {
            return new HoldingsRead.Unavailable(e.getMessage());
        }
        List<HeldOffer> offers = new ArrayList<>();
        Set<String> openBids = new HashSet<>();
        ownOffers(view).forEach((in, offer) -> {
            Resources r = offer.offered();
            offers.add(new HeldOffer(in.toString(), offer.bidRef().toString(), offer.price(),
                    new Capacity(r.cpuMillis(), r.memoryMiB(), r.storageGiB(), Math.toIntExact(r.gpus())),
                    Instant.ofEpochMilli(offer.expiryMs())));
            if (view.containsKey(new TxIn(offer.bidRef().txId(), offer.bidRef().index()))) {
                openBids.add(offer.bidRef().toString());
            }
        });
        List<HeldLease> leases = new ArrayList<>();
        ownLeases(view).forEach((in, lease) -> leases.add(new HeldLease(in.toString(), lease.bidRef().toString(), lease.price(),
                Instant.ofEpochMilli(lease.startMs()), lease.durationSeconds())));
        return new HoldingsRead.Read(new Holdings(offers, leases, openBids));
    }

    // ---------------------------------------------------------------- build, submit, judge

    private SubmitResult run(Object request, String what, Function<Map<TxIn, TxOut>, Plan> planner) {
        Prepared tx;
        synchronized (this) {
            Map<TxIn, TxOut> view;
            try {
                view = view();
            } catch (HeadUnavailableException e) {
                return new SubmitResult.Unavailable(e.getMessage());
            }
            Instant now = clock.instant();
            inFlight.prune(view.keySet(), now);
            confirmed.values().removeIf(c -> !now.isBefore(c.until()));
            prepared.entrySet().removeIf(e -> !now.isBefore(e.getValue().builtAt().plus(settings.inFlightTtl())));
            Confirmed done = confirmed.get(request);
            if (done != null) {
                return done.result();
            }
            tx = prepared.get(request);
            if (tx != null) {
                if (produced(view, tx.tx().txId())) {
                    return finished(request, tx);
                }
                inFlight.hold(tx.tx().txId(), tx.spends(), tx.collateral(), now.plus(settings.inFlightTtl()));
                if (!view.keySet().containsAll(tx.spends()) || !view.keySet().containsAll(tx.collateral())) {
                    if (!tx.acceptedOnce()) {
                        // Its inputs went elsewhere and the head never took it: build afresh from what is there now.
                        forget(request, tx);
                        tx = null;
                    } else {
                        // The head took it and has not confirmed it yet: its own inputs are what is missing.
                        return new SubmitResult.Unavailable(what + ": " + tx.tx().txId() + " was accepted, waiting for its snapshot");
                    }
                }
            }
            if (tx == null) {
                Plan plan;
                try {
                    plan = planner.apply(view);
                } catch (HeadUnavailableException e) {
                    return new SubmitResult.Unavailable(e.getMessage());
                } catch (IllegalArgumentException e) {
                    // An unreadable datum, a malformed reference, a value the datum refuses: this request cannot be built.
                    return new SubmitResult.Invalid("cannot build the " + what + ": " + e.getMessage());
                }
                if (plan instanceof Plan.Done answered) {
                    return answered.result();
                }
                Plan.Build build = (Plan.Build) plan;
                SignedTransaction signed;
                try {
                    signed = build.draft().complete(builders.evaluator());
                } catch (ScriptRejectedException e) {
                    return new SubmitResult.Invalid("the validators reject the " + what + ": " + e.getMessage());
                } catch (IllegalArgumentException | IllegalStateException e) {
                    return new SubmitResult.Invalid("cannot build the " + what + ": " + e.getMessage());
                }
                tx = new Prepared(signed, build.spends(), build.collateral(), build.subject(), build.producedIndex(), now, false);
                prepared.put(request, tx);
                inFlight.hold(signed.txId(), build.spends(), build.collateral(), now.plus(settings.inFlightTtl()));
                LOG.debugf("Built %s: %s (%d bytes, %s)", what, signed.txId(), signed.sizeBytes(),
                        signed.executionUnits());
            }
        }
        Outcome outcome = submitAndAwait(tx);
        synchronized (this) {
            return judge(request, what, tx, outcome);
        }
    }

    /**
     * Submits over HTTP (the verdict comes back on the request) and waits for the snapshot. The
     * WebSocket's {@code SnapshotConfirmed} is the quick signal; the confirmed UTxO is polled as
     * well, so a dropped or refused WebSocket costs at most a poll interval, not the whole timeout.
     */
    private Outcome submitAndAwait(Prepared tx) {
        Submission submission;
        try {
            submission = submitter.submitOverHttp(Transaction.conway(tx.tx().cborHex(), tx.tx().txId()));
        } catch (RuntimeException e) {
            return new Outcome.Silent("cannot submit " + tx.tx().txId() + ": " + e.getMessage(), false);
        }
        try {
            submission.accepted().join();
        } catch (CompletionException | CancellationException e) {
            return unanswered(tx, e, false);
        }
        while (true) {
            try {
                submission.confirmed().get(CONFIRMATION_POLL.toMillis(), TimeUnit.MILLISECONDS);
                return new Outcome.Confirmed();
            } catch (TimeoutException stillWaiting) {
                Optional<Map<TxIn, TxOut>> view = viewIfReadable();
                if (view.isPresent() && produced(view.get(), tx.tx().txId())) {
                    return new Outcome.Confirmed();
                }
            } catch (ExecutionException | CancellationException e) {
                return unanswered(tx, e, true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Outcome.Silent("interrupted while waiting for " + tx.tx().txId(), true);
            }
        }
    }

    private static Outcome unanswered(Prepared tx, Exception e, boolean accepted) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        if (cause instanceof TxRejectedException rejected) {
            return new Outcome.Refused(rejected.reason(), rejected.detail());
        }
        String why = cause instanceof TimeoutException
                ? (accepted ? "no snapshot confirmed " : "no verdict on ") + tx.tx().txId() + " in time"
                : "lost track of " + tx.tx().txId() + ": " + cause.getMessage();
        return new Outcome.Silent(why, accepted);
    }

    private SubmitResult judge(Object request, String what, Prepared tx, Outcome outcome) {
        if (outcome instanceof Outcome.Confirmed) {
            LOG.debugf("%s confirmed: %s", what, tx.tx().txId());
            return finished(request, tx);
        }
        if (outcome instanceof Outcome.Silent silent) {
            Optional<Map<TxIn, TxOut>> view = viewIfReadable();
            if (view.isPresent() && produced(view.get(), tx.tx().txId())) {
                // Confirmed while we were not listening (a dropped connection, or it was in before we asked).
                return finished(request, tx);
            }
            if (silent.accepted()) {
                prepared.put(request, tx.accepted());
            }
            // Kept, with its inputs held: a retry resubmits these very bytes.
            return new SubmitResult.Unavailable(what + ": " + silent.reason());
        }
        Outcome.Refused refused = (Outcome.Refused) outcome;
        if (refused.reason() != TxRejectedException.Reason.INVALID) {
            // Not a ledger verdict (node out of sync, head not open): the same transaction may still go in.
            return new SubmitResult.Unavailable(what + ": " + refused.reason() + " " + refused.detail());
        }
        String detail = String.valueOf(refused.detail());
        if (detail.contains("BadInputsUTxO")) {
            Optional<Map<TxIn, TxOut>> view = viewIfReadable();
            if (view.isEmpty()) {
                return new SubmitResult.Unavailable(what + ": BadInputsUTxO and the head's UTxO cannot be read");
            }
            if (produced(view.get(), tx.tx().txId())) {
                return finished(request, tx);
            }
            if (tx.acceptedOnce()) {
                // Its own earlier submission spent the inputs; the snapshot is still to come.
                return new SubmitResult.Unavailable(what + ": " + tx.tx().txId() + " was accepted, waiting for its snapshot");
            }
            forget(request, tx);
            Optional<TxIn> subject = tx.subject();
            // The ledger names the missing inputs. Our own funding and collateral are guarded by the
            // in-flight set, so a missing script output means another transaction took it first
            // (confirmed, or accepted and awaiting its snapshot): e.g. a lost race.
            if (subject.isPresent() && (!view.get().containsKey(subject.get()) || names(detail, subject.get()))) {
                return new SubmitResult.Invalid(what + ": " + subject.get() + " was spent by another transaction (" + detail + ")");
            }
            return new SubmitResult.Unavailable(what + ": funding or collateral changed meanwhile; a retry builds afresh (" + detail + ")");
        }
        forget(request, tx);
        if (detail.contains("OutsideValidityInterval")) {
            // Too early on the head's clock, or it took too long to get there: the request itself may
            // still succeed, with a transaction built for the time of the retry (a deadline that
            // passed meanwhile is then refused for good before anything is built).
            return new SubmitResult.Unavailable(what + ": outside its validity interval on the head's clock (" + detail + ")");
        }
        return new SubmitResult.Invalid(what + ": " + detail);
    }

    private SubmitResult.Valid finished(Object request, Prepared tx) {
        prepared.remove(request);
        SubmitResult.Valid valid = tx.valid();
        confirmed.put(request, new Confirmed(valid, clock.instant().plus(settings.inFlightTtl())));
        return valid;
    }

    private void forget(Object request, Prepared tx) {
        prepared.remove(request, tx);
        inFlight.release(tx.tx().txId());
    }

    // ---------------------------------------------------------------- reading the head

    private Map<TxIn, TxOut> view() {
        try {
            return http.snapshotUtxo()
                    .orElseThrow(() -> new HeadUnavailableException("the head is not open (GET /snapshot/utxo: 404)"))
                    .outputs();
        } catch (HeadUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new HeadUnavailableException("cannot read the head's UTxO: " + e.getMessage(), e);
        }
    }

    private Optional<Map<TxIn, TxOut>> viewIfReadable() {
        try {
            return Optional.of(view());
        } catch (HeadUnavailableException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether a ledger error lists this input: hydra-node (and the devnet) write
     * {@code TxIn (TxId {unTxId = SafeHash "<txId>"}) (TxIx {unTxIx = <n>})}; {@code <txId>#<n>} is understood too.
     */
    private static boolean names(String ledgerError, TxIn in) {
        int at = ledgerError.indexOf(in.txId());
        while (at >= 0) {
            String rest = ledgerError.substring(at + in.txId().length());
            if (rest.matches("(?s)\\W*(TxIx\\W*(unTxIx\\W*)?)?" + in.index() + "\\b.*")) {
                return true;
            }
            at = ledgerError.indexOf(in.txId(), at + 1);
        }
        return false;
    }

    private static boolean produced(Map<TxIn, TxOut> view, String txId) {
        return view.keySet().stream().anyMatch(in -> in.txId().equals(txId));
    }

    /** Offer outputs whose datum names this operator, in ledger order; outputs with other datums are not ours to read. */
    private Map<TxIn, OfferDatum> ownOffers(Map<TxIn, TxOut> view) {
        Map<TxIn, OfferDatum> found = new TreeMap<>();
        view.forEach((in, out) -> {
            if (offerAddress.equals(out.address()) && out.inlineDatumRaw() != null) {
                decoded(in, () -> OfferDatum.fromInlineDatumHex(out.inlineDatumRaw()))
                        .filter(d -> d.operatorPkh().equals(operator.keyHash()))
                        .ifPresent(d -> found.put(in, d));
            }
        });
        return found;
    }

    private Map<TxIn, LeaseDatum> ownLeases(Map<TxIn, TxOut> view) {
        Map<TxIn, LeaseDatum> found = new TreeMap<>();
        view.forEach((in, out) -> {
            if (leaseAddress.equals(out.address()) && out.inlineDatumRaw() != null) {
                decoded(in, () -> LeaseDatum.fromInlineDatumHex(out.inlineDatumRaw()))
                        .filter(d -> d.operatorPkh().equals(operator.keyHash()))
                        .ifPresent(d -> found.put(in, d));
            }
        });
        return found;
    }

    private static <T> Optional<T> decoded(TxIn in, java.util.function.Supplier<T> decode) {
        try {
            return Optional.of(decode.get());
        } catch (RuntimeException e) {
            // Anyone can pay to a script address with any datum; such an output is nobody's offer or lease.
            LOG.debugf("Ignoring %s: unreadable datum (%s)", in, e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * The collateral: the first of the operator's ada-only outputs in ledger order that holds enough
     * and is not being spent. Chosen by position, not amount, so it stays the same while funds come
     * and go, and concurrent script transactions share it.
     */
    private Optional<Map.Entry<TxIn, TxOut>> collateral(Map<TxIn, TxOut> view) {
        return HeadUtxos.adaOnlyAt(new dev.fabric.hydra.api.Utxo(view), address).entrySet().stream()
                .filter(e -> HeadUtxos.lovelace(e.getValue()) >= settings.collateralMinimum())
                .filter(e -> inFlight.freeAsCollateral(e.getKey()))
                .findFirst();
    }

    /** Ada-only outputs no transaction in flight uses, smallest first (then ledger order): deterministic for a given head. */
    private List<Map.Entry<TxIn, TxOut>> fundingCandidates(Map<TxIn, TxOut> view) {
        return HeadUtxos.adaOnlyAt(new dev.fabric.hydra.api.Utxo(view), address).entrySet().stream()
                .filter(e -> inFlight.freeToSpend(e.getKey()))
                .sorted(Comparator.comparingLong((Map.Entry<TxIn, TxOut> e) -> HeadUtxos.lovelace(e.getValue()))
                        .thenComparing(Map.Entry::getKey))
                .toList();
    }

    private Plan noCollateral() {
        return new Plan.Done(new SubmitResult.Unavailable("no ada-only output of at least " + settings.collateralMinimum()
                + " lovelace at " + address + " is free to put up as collateral: fund the operator"));
    }

    private static Set<TxIn> keys(List<Map.Entry<TxIn, TxOut>> entries) {
        Set<TxIn> keys = new LinkedHashSet<>();
        entries.forEach(e -> keys.add(e.getKey()));
        return keys;
    }

    /**
     * The builders on the head's own protocol parameters (read once), reading the validators from
     * whatever reference-script outputs the head holds now.
     */
    private Builders builders(Map<TxIn, TxOut> view) {
        Builders base = builders;
        if (base == null) {
            ProtocolParameters parameters;
            try {
                parameters = ProtocolParameters.fromJson(http.protocolParameters().json().toString().getBytes(StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                throw new HeadUnavailableException("cannot read the head's protocol parameters: " + e.getMessage(), e);
            }
            base = new Builders(parameters, new ScriptEvaluator(parameters, timing), new FabricTransactions(parameters, timing, network));
            builders = base;
        }
        Map<String, Utxo> references = HeadUtxos.referenceScripts(new dev.fabric.hydra.api.Utxo(view), scripts);
        return new Builders(base.parameters(), base.evaluator(), base.transactions().withReferenceScripts(references));
    }

    /** The operator's key hash: who the gateway signs as. */
    public KeyHash operator() {
        return operator.keyHash();
    }

    /** Transactions submitted and not yet seen settled on the head (for tests and the REST view). */
    public Set<String> inFlight() {
        return inFlight.transactions();
    }
}
