package dev.fabric.settlement.domain;

import static dev.fabric.settlement.domain.Samples.ARBITER;
import static dev.fabric.settlement.domain.Samples.BID;
import static dev.fabric.settlement.domain.Samples.OPERATOR;
import static dev.fabric.settlement.domain.Samples.OTHER_OPERATOR;
import static dev.fabric.settlement.domain.Samples.T0;
import static dev.fabric.settlement.domain.Samples.TIMINGS;
import static dev.fabric.settlement.domain.Samples.auction;
import static dev.fabric.settlement.domain.Samples.award;
import static dev.fabric.settlement.domain.Samples.deployment;
import static dev.fabric.settlement.domain.Samples.leaseCreated;
import static dev.fabric.settlement.domain.Samples.leaseSpent;
import static dev.fabric.settlement.domain.Samples.race;
import static dev.fabric.settlement.domain.Samples.refund;
import static dev.fabric.settlement.domain.Samples.txId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fabric.settlement.domain.BidSettlement.Stage;
import dev.fabric.settlement.domain.ChainFact.LeaseOrigin;
import dev.fabric.settlement.domain.ChainFact.LeaseSpend;
import dev.fabric.settlement.domain.DeploymentSignal.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SettlementMachineTest {

    /** One bid driven through rounds, with everything it published. */
    private static final class Bid {
        final ScriptedHead head = new ScriptedHead();
        final SettlementRound round = new SettlementRound(new SettlementMachine(TIMINGS), head);
        BidSettlement state = BidSettlement.empty(BID);
        boolean forgotten;
        final List<Publication> published = new ArrayList<>();
        final List<Rejection> rejected = new ArrayList<>();
        final List<Notice> notices = new ArrayList<>();

        Step apply(SettlementInput input, Instant now) {
            Step step = round.run(state, input, now);
            step.state().ifPresentOrElse(s -> state = s, () -> forgotten = true);
            published.addAll(step.publications());
            rejected.addAll(step.rejections());
            notices.addAll(step.notices());
            return step;
        }

        Step decide(Decision decision, Instant now) {
            return apply(new SettlementInput.Decided(decision), now);
        }

        Step observe(ChainFact fact, Instant now) {
            return apply(new SettlementInput.Observed(fact), now);
        }

        Step deploy(DeploymentSignal signal, Instant now) {
            return apply(new SettlementInput.Deployed(signal), now);
        }

        Step tick(Instant now) {
            return apply(new SettlementInput.Tick(), now);
        }

        <T extends Publication> List<T> published(Class<T> type) {
            return published.stream().filter(type::isInstance).map(type::cast).toList();
        }

        boolean noticed(Notice.Kind kind) {
            return notices.stream().anyMatch(n -> n.kind() == kind);
        }

        /** An auction bid whose award the head took at T0 and whose lease was confirmed at T0+2s. */
        static Bid leased() {
            Bid bid = new Bid();
            bid.head.answer(new HeadAnswer.Accepted(award(10)));
            bid.decide(auction(), T0);
            bid.observe(leaseCreated(txId(10), LeaseOrigin.AWARD, T0.plusSeconds(2)), T0.plusSeconds(2));
            return bid;
        }
    }

    @Nested
    class Award {

        @Test
        void shouldSubmitTheAwardAndAnnounceItOnceTheHeadTookIt() {
            Bid bid = new Bid();
            bid.head.answer(new HeadAnswer.Accepted(award(10)));

            bid.decide(auction(), T0);

            assertThat(bid.head.calls).containsExactly("submitAward " + BID);
            assertThat(bid.published(Publication.AwardSubmitted.class)).singleElement().satisfies(p -> {
                assertThat(p.txId()).isEqualTo(txId(10));
                assertThat(p.offerRef()).isEqualTo(Samples.OFFER);
                assertThat(p.causationId()).isEqualTo("decision-1");
            });
            assertThat(bid.state.stage()).isEqualTo(Stage.AWARD_SUBMITTED);
            assertThat(bid.state.wakeAt()).contains(T0.plus(TIMINGS.confirmTimeout()));
        }

        @Test
        void shouldConfirmTheLeaseOnlyFromTheChain() {
            Bid bid = new Bid();
            bid.head.answer(new HeadAnswer.Accepted(award(10)));
            bid.decide(auction(), T0);
            assertThat(bid.published(Publication.LeaseConfirmed.class)).isEmpty();

            bid.observe(leaseCreated(txId(10), LeaseOrigin.AWARD, T0.plusSeconds(2)), T0.plusSeconds(2));

            assertThat(bid.published(Publication.LeaseConfirmed.class)).singleElement()
                    .satisfies(p -> assertThat(p.origin()).isEqualTo(LeaseOrigin.AWARD));
            assertThat(bid.state.stage()).isEqualTo(Stage.LEASED);
        }

        @Test
        void shouldIgnoreTheSameDecisionAgainWithoutTouchingTheHead() {
            Bid bid = new Bid();
            bid.head.answer(new HeadAnswer.Accepted(award(10)));
            bid.decide(auction(), T0);

            bid.decide(auction(), T0.plusSeconds(1));
            Decision replayedUnderAnotherId = new Decision("decision-1-replayed", BID, AwardMode.AUCTION, OPERATOR,
                    Optional.of(Samples.OFFER), 9_000_000, Samples.APP, Optional.of(ARBITER), Optional.empty(), T0,
                    T0.plusSeconds(300), new SourcePosition("fabric.awards", 2, 40));
            bid.decide(replayedUnderAnotherId, T0.plusSeconds(2));

            assertThat(bid.head.calls).hasSize(1);
            assertThat(bid.published).hasSize(1);
            assertThat(bid.rejected).isEmpty();
            assertThat(bid.notices).filteredOn(n -> n.kind() == Notice.Kind.DUPLICATE_DECISION).hasSize(2);
        }

        @Test
        void shouldDeadLetterAConflictingDecision() {
            Bid bid = new Bid();
            bid.head.answer(new HeadAnswer.Accepted(award(10)));
            bid.decide(auction(), T0);

            Decision other = new Decision("decision-2", BID, AwardMode.AUCTION, OTHER_OPERATOR, Optional.of(Samples.ref(3, 0)),
                    8_000_000, Samples.APP, Optional.of(ARBITER), Optional.empty(), T0, T0.plusSeconds(300),
                    new SourcePosition("fabric.awards", 2, 41));
            bid.decide(other, T0.plusSeconds(1));

            assertThat(bid.head.calls).hasSize(1);
            assertThat(bid.rejected).singleElement().satisfies(r -> {
                assertThat(r.source()).isEmpty();
                assertThat(r.reason()).contains("conflicting decision").contains(OTHER_OPERATOR);
            });
        }

        @Test
        void shouldFailWithoutTouchingTheHeadWhenTheBidNamesNoArbiter() {
            Bid bid = new Bid();
            Decision noArbiter = new Decision("d", BID, AwardMode.AUCTION, OPERATOR, Optional.of(Samples.OFFER), 9_000_000,
                    Samples.APP, Optional.empty(), Optional.empty(), T0, T0.plusSeconds(300), new SourcePosition("fabric.awards", 0, 1));

            bid.decide(noArbiter, T0);

            assertThat(bid.head.calls).isEmpty();
            assertThat(bid.published(Publication.SettlementFailed.class)).singleElement()
                    .satisfies(f -> assertThat(f.reason()).contains("no arbiter"));
            assertThat(bid.rejected).singleElement().satisfies(r -> assertThat(r.source()).contains(noArbiter.source()));
            assertThat(bid.state.stage()).isEqualTo(Stage.FAILED);
        }

        @Test
        void shouldFailAndDeadLetterTheDecisionWhenTheHeadRefusesForGood() {
            Bid bid = new Bid();
            bid.head.answer(new HeadAnswer.Refused(Optional.of(award(10)), "the head rejected it: ValidationTagMismatch"));

            bid.decide(auction(), T0);

            assertThat(bid.published(Publication.SettlementFailed.class)).singleElement().satisfies(f -> {
                assertThat(f.stage()).isEqualTo(TxPurpose.AWARD);
                assertThat(f.txId()).contains(txId(10));
                assertThat(f.retriable()).isFalse();
            });
            assertThat(bid.rejected).singleElement().satisfies(r -> assertThat(r.source()).contains(auction().source()));
            assertThat(bid.state.settled()).isTrue();
        }
    }

    @Nested
    class BadInputs {

        @Test
        void shouldTreatSpentInputsAsTakenWhenTheHeadHasTheTransaction() {
            Bid bid = new Bid();
            bid.head.answer(new HeadAnswer.Conflicted(award(10), HeadCheck.CONFIRMED));

            bid.decide(auction(), T0);

            assertThat(bid.published(Publication.AwardSubmitted.class)).hasSize(1);
            assertThat(bid.published(Publication.SettlementFailed.class)).isEmpty();
            assertThat(bid.state.stage()).isEqualTo(Stage.AWARD_SUBMITTED);
        }

        @Test
        void shouldWaitWithoutAnnouncingWhileTheInputIsPendingAndAnnounceWhenItsLeaseIsConfirmed() {
            Bid bid = new Bid();
            bid.head.answer(new HeadAnswer.Conflicted(award(10), HeadCheck.PENDING));

            bid.decide(auction(), T0);
            assertThat(bid.published).isEmpty();
            assertThat(bid.state.award()).hasValueSatisfying(a -> assertThat(a.status()).isEqualTo(TxProgress.Status.SUBMITTED));

            bid.observe(leaseCreated(txId(10), LeaseOrigin.AWARD, T0.plusSeconds(3)), T0.plusSeconds(3));

            assertThat(bid.published).extracting(p -> p.getClass().getSimpleName())
                    .containsExactly("AwardSubmitted", "LeaseConfirmed");
        }

        @Test
        void shouldWaitForTheChainWhenTheBidIsAlreadyGoneAndFailOnlyAfterTheGrace() {
            Bid bid = new Bid();
            bid.head.answer(new HeadAnswer.InputMissing(BID, "bid"));

            bid.decide(auction(), T0);
            assertThat(bid.state.wakeAt()).contains(T0.plus(TIMINGS.chainGrace()));
            bid.tick(T0.plus(TIMINGS.chainGrace()).minusMillis(1));
            assertThat(bid.published).isEmpty();

            bid.tick(T0.plus(TIMINGS.chainGrace()));

            assertThat(bid.published(Publication.SettlementFailed.class)).singleElement()
                    .satisfies(f -> assertThat(f.reason()).contains("left the head's UTxO"));
        }

        @Test
        void shouldRecogniseItsAwardConfirmedBeforeACrashFromTheChain() {
            Bid bid = new Bid();
            bid.head.answer(new HeadAnswer.InputMissing(BID, "bid"));
            bid.decide(auction(), T0);

            bid.observe(leaseCreated(txId(10), LeaseOrigin.AWARD, T0.plusSeconds(1)), T0.plusSeconds(5));
            bid.tick(T0.plus(TIMINGS.chainGrace()));

            assertThat(bid.published(Publication.LeaseConfirmed.class)).hasSize(1);
            assertThat(bid.published(Publication.SettlementFailed.class)).isEmpty();
        }

        @Test
        void shouldFailWhenTheAppCancelledTheBid() {
            Bid bid = new Bid();
            bid.head.answer(new HeadAnswer.Conflicted(award(10), HeadCheck.SPENT_ELSEWHERE));
            bid.decide(auction(), T0);

            bid.observe(new ChainFact.BidClosed(BID, Samples.at(txId(77), T0.plusSeconds(1))), T0.plusSeconds(1));

            assertThat(bid.published(Publication.SettlementFailed.class)).singleElement()
                    .satisfies(f -> assertThat(f.reason()).contains("cancelled").contains(txId(77)));
        }

        @Test
        void shouldFailAtOnceForADecisionOnABidAlreadyCancelled() {
            Bid bid = new Bid();
            bid.observe(new ChainFact.BidClosed(BID, Samples.at(txId(77), T0)), T0);

            bid.decide(auction(), T0.plusSeconds(1));

            assertThat(bid.head.calls).isEmpty();
            assertThat(bid.published(Publication.SettlementFailed.class)).hasSize(1);
        }
    }

    @Nested
    class TransientTrouble {

        @Test
        void shouldBackOffAndRetryTheSameBytes() {
            Bid bid = new Bid();
            bid.head.answer(new HeadAnswer.Unavailable(Optional.of(award(10)), "connection refused"));

            bid.decide(auction(), T0);
            assertThat(bid.state.retryAt()).contains(T0.plus(TIMINGS.backoff(1)));
            bid.tick(T0.plusMillis(500));
            assertThat(bid.head.calls).hasSize(1);

            bid.head.answer(new HeadAnswer.Unavailable(Optional.of(award(10)), "connection refused"));
            bid.tick(T0.plusSeconds(1));
            assertThat(bid.state.retryAt()).contains(T0.plusSeconds(1).plus(TIMINGS.backoff(2)));

            bid.head.answer(new HeadAnswer.Accepted(award(10)));
            bid.tick(T0.plusSeconds(3));

            assertThat(bid.head.calls).containsExactly("submitAward " + BID, "resubmit " + txId(10), "resubmit " + txId(10));
            assertThat(bid.published(Publication.AwardSubmitted.class)).hasSize(1);
            assertThat(bid.state.retries()).isZero();
        }

        @Test
        void shouldBuildAgainWhenNothingWasBuiltBeforeTheTrouble() {
            Bid bid = new Bid();
            bid.head.answer(new HeadAnswer.Unavailable(Optional.empty(), "wallet not ready"));
            bid.decide(auction(), T0);

            bid.head.answer(new HeadAnswer.Accepted(award(10)));
            bid.tick(T0.plusSeconds(1));

            assertThat(bid.head.calls).containsExactly("submitAward " + BID, "submitAward " + BID);
        }

        @Test
        void shouldResubmitTheSameBytesWhenTheHeadStillHasTheBidAfterTheConfirmTimeout() {
            Bid bid = new Bid();
            bid.head.answer(new HeadAnswer.Accepted(award(10)));
            bid.decide(auction(), T0);
            bid.head.check(HeadCheck.PENDING).answer(new HeadAnswer.Accepted(award(10)));

            bid.tick(T0.plus(TIMINGS.confirmTimeout()));

            assertThat(bid.head.calls).containsExactly("submitAward " + BID, "inspect " + txId(10), "resubmit " + txId(10));
            assertThat(bid.noticed(Notice.Kind.RESUBMITTED)).isTrue();
            assertThat(bid.published(Publication.AwardSubmitted.class)).hasSize(1);
            assertThat(bid.state.wakeAt()).contains(T0.plus(TIMINGS.confirmTimeout()).plus(TIMINGS.confirmTimeout()));
        }

        @Test
        void shouldKeepWaitingWhenTheHeadConfirmedButTheRecordIsLate() {
            Bid bid = new Bid();
            bid.head.answer(new HeadAnswer.Accepted(award(10)));
            bid.decide(auction(), T0);
            bid.head.check(HeadCheck.CONFIRMED);

            bid.tick(T0.plus(TIMINGS.confirmTimeout()));

            assertThat(bid.noticed(Notice.Kind.CONFIRMED_AWAITING_RECORD)).isTrue();
            assertThat(bid.published(Publication.SettlementFailed.class)).isEmpty();
            assertThat(bid.state.wakeAt()).contains(T0.plus(TIMINGS.confirmTimeout()).plus(TIMINGS.confirmTimeout()));
        }

        @Test
        void shouldBackOffWhenTheHeadCannotBeInspected() {
            Bid bid = new Bid();
            bid.head.answer(new HeadAnswer.Accepted(award(10)));
            bid.decide(auction(), T0);
            bid.head.checkFails();

            Instant due = T0.plus(TIMINGS.confirmTimeout());
            bid.tick(due);

            assertThat(bid.state.retryAt()).contains(due.plus(TIMINGS.backoff(1)));
            bid.head.check(HeadCheck.PENDING).answer(new HeadAnswer.Conflicted(award(10), HeadCheck.PENDING));
            bid.tick(due.plus(TIMINGS.backoff(1)));
            assertThat(bid.head.calls).endsWith("inspect " + txId(10), "resubmit " + txId(10));
            assertThat(bid.state.retryAt()).isEmpty();
        }
    }

    @Nested
    class Race {

        @Test
        void shouldNeedNoTransactionAndConfirmTheAcceptsLease() {
            Bid bid = new Bid();
            bid.decide(race(txId(20) + "#0"), T0);
            assertThat(bid.head.calls).isEmpty();
            assertThat(bid.state.stage()).isEqualTo(Stage.AWAITING_LEASE);

            bid.observe(leaseCreated(txId(20), LeaseOrigin.RACE_ACCEPT, T0.plusSeconds(1)), T0.plusSeconds(1));

            assertThat(bid.published(Publication.LeaseConfirmed.class)).singleElement()
                    .satisfies(p -> assertThat(p.origin()).isEqualTo(LeaseOrigin.RACE_ACCEPT));
        }

        @Test
        void shouldConfirmALeaseSeenBeforeItsDecisionAndStartTheDeadlineWhenTheDecisionComes() {
            Bid bid = new Bid();
            bid.observe(leaseCreated(txId(20), LeaseOrigin.RACE_ACCEPT, T0), T0);
            assertThat(bid.published(Publication.LeaseConfirmed.class)).hasSize(1);
            assertThat(bid.state.wakeAt()).isEmpty();

            bid.decide(race(txId(20) + "#0"), T0.plusSeconds(1));

            assertThat(bid.head.calls).isEmpty();
            assertThat(bid.state.wakeAt()).contains(T0.plusSeconds(300).plus(TIMINGS.refundGrace()));
        }
    }

    @Nested
    class Refund {

        @Test
        void shouldRefundWhenTheDeploymentFailed() {
            Bid bid = Bid.leased();
            bid.head.answer(new HeadAnswer.Accepted(refund(30, txId(10))));

            bid.deploy(deployment(Status.FAILED, OPERATOR, T0.plusSeconds(20)), T0.plusSeconds(20));
            assertThat(bid.head.calls).endsWith("submitRefund " + txId(10) + "#0");
            assertThat(bid.state.stage()).isEqualTo(Stage.REFUNDING);

            bid.observe(leaseSpent(txId(10), txId(30), LeaseSpend.REFUND, T0.plusSeconds(21)), T0.plusSeconds(21));

            assertThat(bid.published(Publication.RefundConfirmed.class)).singleElement().satisfies(r -> {
                assertThat(r.amount()).isEqualTo(9_000_000);
                assertThat(r.reason()).contains("deployment failed").contains("image pull failed");
            });
            assertThat(bid.state.stage()).isEqualTo(Stage.REFUNDED);
            assertThat(bid.state.settled()).isTrue();
        }

        @Test
        void shouldRefundWhenNothingRanByTheDeadline() {
            Bid bid = Bid.leased();
            // The lease was confirmed at T0+2s: the 300 s deploy window runs from there.
            Instant due = T0.plusSeconds(302).plus(TIMINGS.refundGrace());
            assertThat(bid.state.wakeAt()).contains(due);
            bid.deploy(deployment(Status.PROVISIONING, OPERATOR, T0.plusSeconds(10)), T0.plusSeconds(10));

            bid.tick(due.minusMillis(1));
            assertThat(bid.head.calls).hasSize(1);
            bid.head.answer(new HeadAnswer.Accepted(refund(30, txId(10))));
            bid.tick(due);

            assertThat(bid.head.calls).endsWith("submitRefund " + txId(10) + "#0");
            assertThat(bid.state.refundReason()).hasValueSatisfying(r -> assertThat(r).contains("not running by its deadline"));
        }

        @Test
        void shouldGiveTheOperatorItsFullDeployWindowAfterASlowConfirmation() {
            Bid bid = new Bid();
            bid.head.answer(new HeadAnswer.Accepted(award(10)));
            bid.decide(auction(), T0);
            Instant lateConfirmation = T0.plusSeconds(280);

            bid.observe(leaseCreated(txId(10), LeaseOrigin.AWARD, lateConfirmation), lateConfirmation);

            assertThat(bid.state.wakeAt()).contains(lateConfirmation.plusSeconds(300).plus(TIMINGS.refundGrace()));
        }

        @Test
        void shouldNotRefundARunningDeployment() {
            Bid bid = Bid.leased();
            bid.deploy(deployment(Status.RUNNING, OPERATOR, T0.plusSeconds(40)), T0.plusSeconds(40));

            bid.tick(T0.plusSeconds(400));

            assertThat(bid.head.calls).hasSize(1);
            assertThat(bid.state.stage()).isEqualTo(Stage.RUNNING);
            assertThat(bid.state.wakeAt()).isEmpty();
        }

        @Test
        void shouldIgnoreADeploymentEventFromAnotherOperator() {
            Bid bid = Bid.leased();

            bid.deploy(deployment(Status.FAILED, OTHER_OPERATOR, T0.plusSeconds(20)), T0.plusSeconds(20));

            assertThat(bid.head.calls).hasSize(1);
            assertThat(bid.rejected).singleElement().satisfies(r -> assertThat(r.reason()).contains(OTHER_OPERATOR));
        }

        @Test
        void shouldNoteARunningReportAfterTheRefundStarted() {
            Bid bid = Bid.leased();
            bid.head.answer(new HeadAnswer.Accepted(refund(30, txId(10))));
            bid.tick(T0.plusSeconds(400));

            bid.deploy(deployment(Status.RUNNING, OPERATOR, T0.plusSeconds(401)), T0.plusSeconds(401));

            assertThat(bid.noticed(Notice.Kind.LATE_RUNNING)).isTrue();
        }

        @Test
        void shouldWaitForTheChainWhenTheLeaseIsGoneAndReportTheClaimThatTookIt() {
            Bid bid = Bid.leased();
            bid.head.answer(new HeadAnswer.InputMissing(txId(10) + "#0", "lease"));
            bid.deploy(deployment(Status.FAILED, OPERATOR, T0.plusSeconds(20)), T0.plusSeconds(20));

            bid.observe(leaseSpent(txId(10), txId(31), LeaseSpend.CLAIM, T0.plusSeconds(21)), T0.plusSeconds(21));

            assertThat(bid.published(Publication.ClaimConfirmed.class)).hasSize(1);
            assertThat(bid.published(Publication.SettlementFailed.class)).isEmpty();
            assertThat(bid.state.stage()).isEqualTo(Stage.CLAIMED);
        }

        @Test
        void shouldFailTheRefundButStillReportWhatTheChainDoes() {
            Bid bid = Bid.leased();
            bid.head.answer(new HeadAnswer.Refused(Optional.empty(), "the lease names arbiter (none)"));
            bid.deploy(deployment(Status.FAILED, OPERATOR, T0.plusSeconds(20)), T0.plusSeconds(20));
            assertThat(bid.published(Publication.SettlementFailed.class)).singleElement()
                    .satisfies(f -> assertThat(f.stage()).isEqualTo(TxPurpose.REFUND));

            bid.observe(leaseSpent(txId(10), txId(32), LeaseSpend.REFUND, T0.plusSeconds(50)), T0.plusSeconds(50));

            assertThat(bid.published(Publication.RefundConfirmed.class)).singleElement()
                    .satisfies(r -> assertThat(r.reason()).contains("deployment failed"));
        }
    }

    @Nested
    class Closing {

        @Test
        void shouldReportAClaimOnceAndIgnoreItAgain() {
            Bid bid = Bid.leased();
            bid.deploy(deployment(Status.RUNNING, OPERATOR, T0.plusSeconds(40)), T0.plusSeconds(40));

            bid.observe(leaseSpent(txId(10), txId(31), LeaseSpend.CLAIM, T0.plusSeconds(4000)), T0.plusSeconds(4000));
            bid.observe(leaseSpent(txId(10), txId(31), LeaseSpend.CLAIM, T0.plusSeconds(4000)), T0.plusSeconds(4001));
            bid.observe(leaseCreated(txId(10), LeaseOrigin.AWARD, T0.plusSeconds(2)), T0.plusSeconds(4002));

            assertThat(bid.published(Publication.ClaimConfirmed.class)).hasSize(1);
            assertThat(bid.published(Publication.LeaseConfirmed.class)).hasSize(1);
            assertThat(bid.state.stage()).isEqualTo(Stage.CLAIMED);
        }

        @Test
        void shouldForgetASettledBidAfterTheRetentionAndNotBefore() {
            Bid bid = Bid.leased();
            Instant claimed = T0.plusSeconds(4000);
            bid.observe(leaseSpent(txId(10), txId(31), LeaseSpend.CLAIM, claimed), claimed);
            assertThat(bid.state.wakeAt()).contains(claimed.plus(TIMINGS.settledRetention()));

            bid.tick(claimed.plus(TIMINGS.settledRetention()).minusSeconds(1));
            assertThat(bid.forgotten).isFalse();
            bid.tick(claimed.plus(TIMINGS.settledRetention()));

            assertThat(bid.forgotten).isTrue();
        }

        @Test
        void shouldStopAllHeadWorkOnceTheLeaseIsClosed() {
            Bid bid = Bid.leased();
            bid.head.answer(new HeadAnswer.Accepted(refund(30, txId(10))));
            bid.deploy(deployment(Status.FAILED, OPERATOR, T0.plusSeconds(20)), T0.plusSeconds(20));
            bid.observe(leaseSpent(txId(10), txId(30), LeaseSpend.REFUND, T0.plusSeconds(21)), T0.plusSeconds(21));

            bid.tick(T0.plusSeconds(21).plus(Duration.ofHours(1)));

            assertThat(bid.head.calls).hasSize(2);
        }
    }

    @Test
    void shouldDoubleTheBackoffUpToItsCeiling() {
        assertThat(TIMINGS.backoff(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(TIMINGS.backoff(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(TIMINGS.backoff(6)).isEqualTo(Duration.ofSeconds(32));
        assertThat(TIMINGS.backoff(7)).isEqualTo(Duration.ofSeconds(60));
        assertThat(TIMINGS.backoff(1000)).isEqualTo(Duration.ofSeconds(60));
    }
}
