package dev.fabric.reputation.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BidLedgerTest {

    private static final String BID = "aa#0";
    private static final String OP = "op-1";
    private static final Instant AWARDED = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant DEADLINE = AWARDED.plus(Duration.ofMinutes(5));
    private static final Duration GRACE = Duration.ofMinutes(1);

    private static final BidFact AWARD = new BidFact.Awarded("award", BID, AWARDED, OP, DEADLINE);

    private static BidFact running(String id, Instant at) {
        return new BidFact.DeploymentRunning(id, BID, at, OP);
    }

    private static BidFact failed(String id, Instant at) {
        return new BidFact.DeploymentFailed(id, BID, at, OP, "image pull failed");
    }

    /** Applies facts in order, collecting every piece of evidence sent. */
    private static Run run(List<BidFact> facts) {
        BidState state = null;
        List<Evidence> evidence = new ArrayList<>();
        List<String> rejections = new ArrayList<>();
        for (BidFact fact : facts) {
            BidLedger.Step step = BidLedger.apply(state, fact);
            state = step.state();
            evidence.addAll(step.evidence());
            if (step.rejected()) {
                rejections.add(step.rejection());
            }
        }
        return new Run(state, evidence, rejections);
    }

    private record Run(BidState state, List<Evidence> evidence, List<String> rejections) {
        Run observe(Instant at) {
            BidLedger.Step step = BidLedger.observe(state, at, GRACE);
            List<Evidence> all = new ArrayList<>(evidence);
            all.addAll(step.evidence());
            return new Run(step.state(), all, rejections);
        }

        Run then(BidFact fact) {
            BidLedger.Step step = BidLedger.apply(state, fact);
            List<Evidence> all = new ArrayList<>(evidence);
            all.addAll(step.evidence());
            List<String> rejected = new ArrayList<>(rejections);
            if (step.rejected()) {
                rejected.add(step.rejection());
            }
            return new Run(step.state(), all, rejected);
        }

        /** Net evidence: eventId -> +1 per Success/Failure, -1 per withdrawal. */
        Map<String, Integer> net() {
            Map<String, Integer> net = new HashMap<>();
            for (Evidence e : evidence) {
                if (e instanceof Evidence.Withdrawn w) {
                    net.merge(w.withdrawnEventId() + "/" + w.withdrawnOutcome(), -1, Integer::sum);
                } else {
                    String outcome = e instanceof Evidence.Success ? "SUCCESS" : "FAILURE";
                    net.merge(e.eventId() + "/" + outcome, 1, Integer::sum);
                }
            }
            net.values().removeIf(v -> v == 0);
            return net;
        }
    }

    @Test
    void shouldCountRunningBeforeTheDeadlineAsSuccess() {
        Run run = run(List.of(AWARD, running("r1", DEADLINE.minusSeconds(30))));

        assertThat(run.evidence()).singleElement().isInstanceOfSatisfying(Evidence.Success.class, s -> {
            assertThat(s.eventId()).isEqualTo("r1");
            assertThat(s.operatorId()).isEqualTo(OP);
            assertThat(s.at()).isEqualTo(DEADLINE.minusSeconds(30));
            assertThat(s.reason()).contains("running");
        });
    }

    @Test
    void shouldCountRunningAfterTheDeadlineAsAMissAtTheDeadline() {
        Run run = run(List.of(AWARD, running("r1", DEADLINE.plusSeconds(1))));

        assertThat(run.evidence()).singleElement().isInstanceOfSatisfying(Evidence.Failure.class, f -> {
            assertThat(f.eventId()).isEqualTo(BidLedger.deadlineMissId(BID));
            assertThat(f.at()).isEqualTo(DEADLINE);
            assertThat(f.reason()).contains("after the deploy deadline");
        });
    }

    @Test
    void shouldCountAFailedDeploymentAsFailure() {
        Run run = run(List.of(AWARD, failed("f1", AWARDED.plusSeconds(20))));

        assertThat(run.evidence()).singleElement().isInstanceOfSatisfying(Evidence.Failure.class, f -> {
            assertThat(f.eventId()).isEqualTo("f1");
            assertThat(f.reason()).isEqualTo("deployment failed: image pull failed");
        });
    }

    @Test
    void shouldDeclareAMissOnlyOnceTimeIsPastDeadlineAndGrace() {
        Run awarded = run(List.of(AWARD));

        Run withinGrace = awarded.observe(DEADLINE.plus(GRACE));
        Run past = awarded.observe(DEADLINE.plus(GRACE).plusMillis(1));
        Run pastTwice = past.observe(DEADLINE.plus(Duration.ofHours(1)));

        assertThat(withinGrace.evidence()).isEmpty();
        assertThat(past.evidence()).singleElement().isInstanceOfSatisfying(Evidence.Failure.class, f -> {
            assertThat(f.eventId()).isEqualTo(BidLedger.deadlineMissId(BID));
            assertThat(f.at()).isEqualTo(DEADLINE);
            assertThat(f.reason()).contains("no Running");
        });
        assertThat(pastTwice.evidence()).hasSize(1);
        assertThat(BidLedger.deadlineCheckAt(awarded.state(), GRACE)).isEqualTo(DEADLINE.plus(GRACE));
    }

    @Test
    void shouldWithdrawAMissWhenAnOnTimeRunningArrivesLate() {
        Run missed = run(List.of(AWARD)).observe(DEADLINE.plus(Duration.ofMinutes(10)));

        Run corrected = missed.then(running("r1", DEADLINE.minusSeconds(5)));

        assertThat(corrected.evidence()).hasSize(3);
        assertThat(corrected.evidence().get(1)).isInstanceOfSatisfying(Evidence.Withdrawn.class, w -> {
            assertThat(w.withdrawnEventId()).isEqualTo(BidLedger.deadlineMissId(BID));
            assertThat(w.withdrawnOutcome()).isEqualTo(Evidence.Outcome.FAILURE);
            assertThat(w.at()).isEqualTo(DEADLINE);
        });
        assertThat(corrected.evidence().get(2)).isInstanceOf(Evidence.Success.class);
        assertThat(corrected.net()).containsOnlyKeys("r1/SUCCESS");
    }

    @Test
    void shouldJudgeADeploymentReportedBeforeItsAward() {
        Run run = run(List.of(running("r1", AWARDED.plusSeconds(40)), AWARD));

        assertThat(run.net()).containsOnlyKeys("r1/SUCCESS");
    }

    @Test
    void shouldCountTheSameFactOnlyOnce() {
        BidFact claim = new BidFact.LeaseClaimed("c1", BID, DEADLINE.plus(Duration.ofHours(2)), OP, false);
        Run run = run(List.of(AWARD, running("r1", AWARDED.plusSeconds(40)), running("r1", AWARDED.plusSeconds(40)),
                running("r2", AWARDED.plusSeconds(90)), AWARD, claim, claim));

        assertThat(run.evidence()).extracting(Evidence::eventId).containsExactly("r1", "c1");
        assertThat(run.rejections()).isEmpty();
    }

    @Test
    void shouldCountAFullLeaseClaimAsSuccessAndIgnoreAnEarlyOne() {
        Run full = run(List.of(AWARD, new BidFact.LeaseClaimed("c1", BID, AWARDED.plus(Duration.ofHours(1)), OP, false)));
        Run early = run(List.of(AWARD, new BidFact.LeaseClaimed("c1", BID, AWARDED.plus(Duration.ofMinutes(30)), OP, true)));

        assertThat(full.evidence()).singleElement().isInstanceOfSatisfying(Evidence.Success.class,
                s -> assertThat(s.reason()).isEqualTo("lease completed and claimed"));
        assertThat(early.evidence()).isEmpty();
    }

    @Test
    void shouldBlameARefundOnTheAwardedOperatorEvenWhenItArrivesFirst() {
        BidFact refund = new BidFact.LeaseRefunded("x1", BID, AWARDED.plus(Duration.ofMinutes(20)), "never started");

        Run refundOnly = run(List.of(refund));
        Run both = refundOnly.then(AWARD);

        assertThat(refundOnly.evidence()).isEmpty();
        assertThat(both.evidence()).singleElement().isInstanceOfSatisfying(Evidence.Failure.class, f -> {
            assertThat(f.operatorId()).isEqualTo(OP);
            assertThat(f.reason()).isEqualTo("lease refunded to the application: never started");
        });
    }

    @Test
    void shouldRejectReportsFromAnOperatorTheBidIsNotBoundTo() {
        Run run = run(List.of(AWARD, new BidFact.DeploymentRunning("r9", BID, AWARDED.plusSeconds(9), "intruder"),
                new BidFact.LeaseClaimed("c9", BID, AWARDED.plusSeconds(9), "intruder", false),
                new BidFact.Awarded("award-2", BID, AWARDED, "op-2", DEADLINE)));

        assertThat(run.evidence()).isEmpty();
        assertThat(run.rejections()).hasSize(3).allSatisfy(r -> assertThat(r).isNotBlank());
        assertThat(run.rejections().get(0)).contains("intruder").contains(OP);
    }

    @Test
    void shouldCountAFailureAfterRunningAsASecondVerdict() {
        Run run = run(List.of(AWARD, running("r1", AWARDED.plusSeconds(60)), failed("f1", AWARDED.plus(Duration.ofHours(3)))));

        assertThat(run.net()).containsOnlyKeys("r1/SUCCESS", "f1/FAILURE");
        assertThat(run.evidence().get(1).reason()).startsWith("workload failed after running");
    }

    @Test
    void shouldReachTheSameVerdictsInAnyArrivalOrder() {
        List<BidFact> facts = List.of(AWARD,
                new BidFact.LeaseOpened("lease", BID, AWARDED.plusSeconds(2), OP),
                running("r2", DEADLINE.plusSeconds(30)),
                running("r1", DEADLINE.minusSeconds(30)),
                failed("f1", DEADLINE.plus(Duration.ofHours(1))),
                new BidFact.LeaseRefunded("x1", BID, DEADLINE.plus(Duration.ofHours(2)), "workload died"));
        Map<String, Integer> expected = Map.of("r1/SUCCESS", 1, "f1/FAILURE", 1, "x1/FAILURE", 1);
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            List<BidFact> shuffled = new ArrayList<>(facts);
            Collections.shuffle(shuffled, random);
            Run run = run(shuffled.subList(0, 3));
            // The wall clock may declare the miss at any point before the late facts arrive.
            run = run.observe(DEADLINE.plus(Duration.ofMinutes(30)));
            for (BidFact fact : shuffled.subList(3, shuffled.size())) {
                run = run.then(fact);
            }
            assertThat(run.net()).as("order %s", shuffled).isEqualTo(expected);
            assertThat(run.rejections()).isEmpty();
        }
    }
}
