package dev.fabric.reputation.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DecayedBetaScoreTest {

    private static final String OP = "op-1";
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final ScoringRules RULES = ScoringRules.defaults();

    private static Evidence success(int n, Instant at) {
        return new Evidence.Success("s" + n, OP, at, "bid-" + n, "ran");
    }

    private static Evidence failure(int n, Instant at) {
        return new Evidence.Failure("f" + n, OP, at, "bid-" + n, "failed");
    }

    private static OperatorReputation fold(List<Evidence> evidence) {
        OperatorReputation rep = OperatorReputation.empty(OP, T0);
        for (Evidence e : evidence) {
            rep = rep.apply(e, RULES).next();
        }
        return rep;
    }

    private static List<Evidence> record(int successes, int failures, Instant at) {
        List<Evidence> evidence = new ArrayList<>();
        for (int i = 0; i < successes; i++) {
            evidence.add(success(i, at));
        }
        for (int i = 0; i < failures; i++) {
            evidence.add(failure(i, at));
        }
        return evidence;
    }

    @Test
    void shouldNotRankOneSuccessAboveALongRecord() {
        Score newcomer = DecayedBetaScore.evaluate(fold(record(1, 0, T0)), T0, RULES);
        Score proven = DecayedBetaScore.evaluate(fold(record(50, 2, T0)), T0, RULES);

        assertThat(newcomer.mean()).isGreaterThan(proven.mean() - 0.3);
        assertThat(newcomer.scoreBps()).isLessThan(proven.scoreBps());
        // Beta(2,1): the 2.5% quantile is sqrt(0.025).
        assertThat(newcomer.scoreBps()).isEqualTo(1581);
        assertThat(proven.scoreBps()).isBetween(8500, 9000);
    }

    @Test
    void shouldPublishTheLowerEndOfThe95PercentInterval() {
        Score score = DecayedBetaScore.evaluate(fold(record(8, 2, T0)), T0, RULES);
        BetaDistribution posterior = new BetaDistribution(9, 3);

        assertThat(score.lowerBound()).isCloseTo(posterior.quantile(0.025), within(1e-15));
        assertThat(score.interval().upper()).isCloseTo(posterior.quantile(0.975), within(1e-15));
        assertThat(score.scoreBps()).isEqualTo((int) Math.floor(posterior.quantile(0.025) * 10_000));
        assertThat(score.mean()).isCloseTo(0.75, within(1e-15));
    }

    @Test
    void shouldHalveAWeightEveryHalfLife() {
        OperatorReputation rep = fold(record(1, 0, T0));

        assertThat(DecayedBetaScore.evaluate(rep, T0.plus(Duration.ofDays(30)), RULES).successWeight()).isCloseTo(0.5, within(1e-15));
        assertThat(DecayedBetaScore.evaluate(rep, T0.plus(Duration.ofDays(90)), RULES).successWeight()).isCloseTo(0.125, within(1e-15));
        assertThat(DecayedBetaScore.weightAt(T0, T0.plus(Duration.ofDays(15)), RULES)).isCloseTo(Math.sqrt(0.5), within(1e-15));
    }

    @Test
    void shouldLetAnIdleRecordFadeOverMonths() {
        OperatorReputation rep = fold(record(50, 2, T0));
        int previous = Integer.MAX_VALUE;
        List<Integer> monthly = new ArrayList<>();
        for (int month = 0; month <= 12; month++) {
            int bps = DecayedBetaScore.evaluate(rep, T0.plus(Duration.ofDays(30L * month)), RULES).scoreBps();
            assertThat(bps).isLessThan(previous);
            monthly.add(bps);
            previous = bps;
        }
        // Counts never decay, weights do: a year later the record is worth ~0.012 successes.
        Score yearLater = DecayedBetaScore.evaluate(rep, T0.plus(Duration.ofDays(360)), RULES);
        assertThat(yearLater.successes()).isEqualTo(50);
        assertThat(yearLater.successWeight()).isCloseTo(50 / 4096.0, within(1e-12));
        assertThat(monthly.get(12)).isBetween(250, 300); // back near Beta(1,1)'s 2.5% quantile
    }

    @Test
    void shouldLetAFreshRecordOutrankAStaleOneOfTheSameSize() {
        Instant now = T0.plus(Duration.ofDays(180));
        Score stale = DecayedBetaScore.evaluate(fold(record(40, 1, T0)), now, RULES);
        Score fresh = DecayedBetaScore.evaluate(fold(record(40, 1, now.minus(Duration.ofDays(2)))), now, RULES);

        assertThat(fresh.scoreBps()).isGreaterThan(stale.scoreBps());
    }

    @Test
    void shouldReachTheSameWeightsInAnyArrivalOrder() {
        List<Evidence> evidence = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            Instant at = T0.plus(Duration.ofHours(7L * i));
            evidence.add(i % 7 == 0 ? failure(i, at) : success(i, at));
        }
        OperatorReputation inOrder = fold(evidence);
        Random random = new Random(42);
        for (int round = 0; round < 20; round++) {
            List<Evidence> shuffled = new ArrayList<>(evidence);
            Collections.shuffle(shuffled, random);
            OperatorReputation rep = fold(shuffled);
            assertThat(rep.asOf()).isEqualTo(inOrder.asOf());
            assertThat(rep.successWeight()).isCloseTo(inOrder.successWeight(), within(1e-9));
            assertThat(rep.failureWeight()).isCloseTo(inOrder.failureWeight(), within(1e-9));
            assertThat(DecayedBetaScore.evaluate(rep, inOrder.asOf(), RULES).scoreBps())
                    .isEqualTo(DecayedBetaScore.evaluate(inOrder, inOrder.asOf(), RULES).scoreBps());
        }
    }

    @Test
    void shouldNotInflateWeightsWhenEvaluatedBeforeTheLatestEvidence() {
        OperatorReputation rep = fold(record(3, 0, T0));

        assertThat(DecayedBetaScore.evaluate(rep, T0.minusSeconds(3600), RULES).successWeight()).isEqualTo(3.0);
    }

    @Test
    void shouldTakeBackAWithdrawnFailure() {
        Instant deadline = T0.plus(Duration.ofDays(1));
        OperatorReputation rep = fold(List.of(success(1, T0), failure(2, deadline)));
        Evidence.Withdrawn withdrawn = new Evidence.Withdrawn("w2", OP, deadline, "bid-2", "f2", Evidence.Outcome.FAILURE,
                "late Running");

        OperatorReputation after = rep.apply(withdrawn, RULES).next();

        assertThat(after.failures()).isZero();
        assertThat(after.failureWeight()).isZero();
        assertThat(after.successes()).isEqualTo(1);
        assertThat(after.recent()).extracting(EvidenceEntry::kind)
                .containsExactly(EvidenceEntry.Kind.WITHDRAWN, EvidenceEntry.Kind.FAILURE, EvidenceEntry.Kind.SUCCESS);
    }

    @Test
    void shouldAddDecayingPriorWeightForAttestations() {
        AttestationRecord passed = attestation("e1", "auditor-a", AttestationRecord.Verdict.PASSED, T0, T0);
        OperatorReputation rep = OperatorReputation.empty(OP, T0)
                .apply(new Evidence.Attested("e1", OP, T0, passed, "audit passed"), RULES).next();

        Score now = DecayedBetaScore.evaluate(rep, T0, RULES);
        Score monthLater = DecayedBetaScore.evaluate(rep, T0.plus(Duration.ofDays(30)), RULES);

        assertThat(now.successWeight()).isEqualTo(2.0);
        assertThat(now.attestations()).isEqualTo(1);
        assertThat(now.successes()).isZero();
        assertThat(monthLater.successWeight()).isCloseTo(1.0, within(1e-15));
        assertThat(now.scoreBps()).isGreaterThan(DecayedBetaScore.evaluate(OperatorReputation.empty(OP, T0), T0, RULES).scoreBps());
    }

    @Test
    void shouldKeepOnlyTheNewestStatementOfEachAuditor() {
        AttestationRecord older = attestation("e1", "auditor-a", AttestationRecord.Verdict.PASSED, T0, T0);
        AttestationRecord newer = attestation("e2", "auditor-a", AttestationRecord.Verdict.FAILED, T0.plusSeconds(60), T0.plusSeconds(60));
        AttestationRecord other = attestation("e3", "auditor-b", AttestationRecord.Verdict.PASSED, T0, T0);
        OperatorReputation rep = OperatorReputation.empty(OP, T0);
        rep = rep.apply(new Evidence.Attested("e2", OP, newer.issuedAt(), newer, "failed"), RULES).next();
        rep = rep.apply(new Evidence.Attested("e3", OP, other.issuedAt(), other, "passed"), RULES).next();

        OperatorReputation.Applied stale = rep.apply(new Evidence.Attested("e1", OP, older.issuedAt(), older, "passed"), RULES);
        OperatorReputation.Applied again = rep.apply(new Evidence.Attested("e2", OP, newer.issuedAt(), newer, "failed"), RULES);

        assertThat(stale.moved()).isFalse();
        assertThat(again.moved()).isFalse();
        assertThat(rep.attestations()).extracting(AttestationRecord::eventId).containsExactly("e2", "e3");
        Score score = DecayedBetaScore.evaluate(rep, T0.plusSeconds(60), RULES);
        assertThat(score.failureWeight()).isEqualTo(2.0);
        assertThat(score.successWeight()).isCloseTo(2 * Math.pow(2, -60.0 / (30 * 86_400)), within(1e-12));
    }

    @Test
    void shouldListOnlyTheLastNEvidenceEventsLatestFirst() {
        ScoringRules rules = new ScoringRules(HalfLife.ofDays(30), 2, 2, 3);
        OperatorReputation rep = OperatorReputation.empty(OP, T0);
        for (int i = 0; i < 10; i++) {
            rep = rep.apply(success(i, T0.plusSeconds(i)), rules).next();
        }

        assertThat(rep.recent()).extracting(EvidenceEntry::eventId).containsExactly("s9", "s8", "s7");
        assertThat(rep.successes()).isEqualTo(10);
        assertThat(rep.lastEvidenceId()).isEqualTo("s9");
    }

    @Test
    void shouldRoundBasisPointsDownAndClamp() {
        assertThat(DecayedBetaScore.basisPoints(0.158113883)).isEqualTo(1581);
        assertThat(DecayedBetaScore.basisPoints(0.99999999)).isEqualTo(9999);
        assertThat(DecayedBetaScore.basisPoints(1.0)).isEqualTo(10_000);
        assertThat(DecayedBetaScore.basisPoints(-1e-18)).isZero();
    }

    static AttestationRecord attestation(String eventId, String auditor, AttestationRecord.Verdict verdict, Instant auditedAt,
                                         Instant issuedAt) {
        return new AttestationRecord(eventId, auditor, auditor, verdict, "eu-west", "cpu-standard", auditedAt, issuedAt);
    }
}
