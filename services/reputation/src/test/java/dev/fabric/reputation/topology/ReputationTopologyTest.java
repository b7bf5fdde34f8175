package dev.fabric.reputation.topology;

import static dev.fabric.reputation.topology.ReputationDriver.T0;
import static dev.fabric.reputation.topology.ReputationDriver.award;
import static dev.fabric.reputation.topology.ReputationDriver.bid;
import static dev.fabric.reputation.topology.ReputationDriver.claimed;
import static dev.fabric.reputation.topology.ReputationDriver.failed;
import static dev.fabric.reputation.topology.ReputationDriver.refunded;
import static dev.fabric.reputation.topology.ReputationDriver.running;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.fabric.events.v1.deployment.DeploymentEvent;
import dev.fabric.events.v1.dlq.DeadLetter;
import dev.fabric.events.v1.reputation.Attestation;
import dev.fabric.events.v1.reputation.AttestationClaims;
import dev.fabric.events.v1.reputation.AttestationVerdict;
import dev.fabric.events.v1.reputation.OperatorScore;
import dev.fabric.reputation.domain.BidLedger;
import dev.fabric.reputation.domain.EvidenceEntry;
import dev.fabric.topics.Topics;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ReputationTopologyTest {

    private static final String OP = "0b".repeat(28);
    private static final String OTHER = "0c".repeat(28);
    private static final Instant DEADLINE = T0.plus(Duration.ofMinutes(5));

    @Test
    void shouldScoreAnOnTimeDeploymentAndAFullLeaseAsSuccesses() {
        try (ReputationDriver d = new ReputationDriver()) {
            d.pipe(award(bid(1), OP, T0, DEADLINE));
            d.pipe(running(bid(1), OP, T0.plus(Duration.ofMinutes(2))));
            d.pipe(claimed(bid(1), OP, T0.plus(Duration.ofHours(2)), false));

            List<OperatorScore> scores = d.scores();

            assertThat(scores).hasSize(2);
            OperatorScore first = scores.get(0);
            assertThat(first.getOperatorId()).isEqualTo(OP);
            assertThat(first.getScoreBps()).isEqualTo(1581); // Beta(2,1): sqrt(0.025)
            assertThat(first.getSuccesses()).isEqualTo(1);
            assertThat(first.getOccurredAt()).isEqualTo(T0.plus(Duration.ofMinutes(2)));
            assertThat(first.getHalfLifeMs()).isEqualTo(Duration.ofDays(30).toMillis());
            assertThat(scores.get(1).getSuccesses()).isEqualTo(2);
            assertThat(scores.get(1).getScoreBps()).isGreaterThan(1581);
            assertThat(d.deadLetters()).isEmpty();
        }
    }

    @Test
    void shouldCountAFailedDeploymentAndItsRefundAsFailures() {
        try (ReputationDriver d = new ReputationDriver()) {
            d.pipe(award(bid(1), OP, T0, DEADLINE));
            d.pipe(failed(bid(1), OP, T0.plus(Duration.ofMinutes(1))));
            d.pipe(refunded(bid(1), T0.plus(Duration.ofMinutes(20))));

            List<OperatorScore> scores = d.scores();

            assertThat(scores).extracting(OperatorScore::getFailures).containsExactly(1L, 2L);
            assertThat(scores.get(0).getScoreBps()).isEqualTo(125); // Beta(1,2): 1 - sqrt(0.975)
            assertThat(d.scoreStore().get(OP).reputation().recent()).extracting(EvidenceEntry::reason)
                    .containsExactly("lease refunded to the application: deployment failed", "deployment failed: ROLLOUT: crash loop");
        }
    }

    @Test
    void shouldDeclareAMissedDeployDeadlineWhenStreamTimePassesIt() {
        try (ReputationDriver d = new ReputationDriver()) {
            d.pipe(award(bid(1), OP, T0, DEADLINE));
            d.pipe(award(bid(2), OTHER, DEADLINE.plus(ReputationDriver.GRACE).minusSeconds(1), DEADLINE.plus(Duration.ofHours(1))));
            assertThat(d.scores()).isEmpty();

            d.pipe(award(bid(3), OTHER, DEADLINE.plus(ReputationDriver.GRACE).plusSeconds(20), DEADLINE.plus(Duration.ofHours(1))));

            assertThat(d.scores()).singleElement().satisfies(score -> {
                assertThat(score.getOperatorId()).isEqualTo(OP);
                assertThat(score.getFailures()).isEqualTo(1);
                assertThat(score.getCausationId()).isEqualTo(BidLedger.deadlineMissId(bid(1)));
            });
        }
    }

    @Test
    void shouldDeclareAMissOnTheWallClockAndWithdrawItWhenAnOnTimeRunningArrivesLate() {
        try (ReputationDriver d = new ReputationDriver()) {
            d.pipe(award(bid(1), OP, T0, DEADLINE));

            d.advanceWallClock(Duration.ofMinutes(7));
            List<OperatorScore> missed = d.scores();
            d.pipe(running(bid(1), OP, DEADLINE.minusSeconds(30)));
            List<OperatorScore> corrected = d.scores();

            assertThat(missed).singleElement().satisfies(s -> assertThat(s.getFailures()).isEqualTo(1));
            assertThat(corrected).extracting(OperatorScore::getFailures).containsExactly(0L, 0L);
            assertThat(corrected.get(1).getSuccesses()).isEqualTo(1);
            assertThat(corrected.get(1).getFailureWeight()).isZero();
            assertThat(corrected.get(1).getScoreBps()).isEqualTo(1581);
            assertThat(d.scoreStore().get(OP).reputation().recent()).extracting(EvidenceEntry::kind).containsExactly(
                    EvidenceEntry.Kind.SUCCESS, EvidenceEntry.Kind.WITHDRAWN, EvidenceEntry.Kind.FAILURE);
        }
    }

    @Test
    void shouldCountTheSameEventOnceWhenDeliveredTwice() {
        try (ReputationDriver d = new ReputationDriver()) {
            DeploymentEvent run = running(bid(1), OP, T0.plusSeconds(90));
            d.pipe(award(bid(1), OP, T0, DEADLINE));
            d.pipe(run);
            d.pipe(run);
            d.pipe(award(bid(1), OP, T0, DEADLINE));
            d.pipe(claimed(bid(1), OP, T0.plus(Duration.ofHours(1)), false));
            d.pipe(claimed(bid(1), OP, T0.plus(Duration.ofHours(1)), false));

            List<OperatorScore> scores = d.scores();

            assertThat(scores).extracting(OperatorScore::getSuccesses).containsExactly(1L, 2L);
            assertThat(d.deadLetters()).isEmpty();
        }
    }

    @Test
    void shouldDeadLetterBadInputAndKeepScoring() {
        try (ReputationDriver d = new ReputationDriver()) {
            d.pipe(award(bid(1), OP, T0, DEADLINE));
            d.pipeRaw(Topics.DEPLOYMENTS.name(), bid(1), new byte[] {1, 2, 3}, T0.plusSeconds(1));
            d.pipe(award(bid(2), OP, T0, T0.minusSeconds(1)));
            d.pipe(running(bid(1), OTHER, T0.plusSeconds(2)));
            d.pipeDeployment(bid(9), running(bid(1), OP, T0.plusSeconds(3)));
            d.pipe(running(bid(1), OP, T0.plusSeconds(4)));

            List<DeadLetter> deadLetters = d.deadLetters();

            assertThat(deadLetters).extracting(DeadLetter::getReason).satisfiesExactly(
                    r -> assertThat(r).contains("Cannot decode DeploymentEvent"),
                    r -> assertThat(r).contains("precedes the decision"),
                    r -> assertThat(r).isEqualTo("deployment reported by " + OTHER + " for a bid bound to " + OP),
                    r -> assertThat(r).contains("record key " + bid(9) + " is not the event's bidRef " + bid(1)));
            assertThat(deadLetters).allSatisfy(dl -> assertThat(dl.getService()).isEqualTo("reputation"));
            DeadLetter intruder = deadLetters.get(2);
            assertThat(intruder.getSourceTopic()).isEqualTo(Topics.DEPLOYMENTS.name());
            assertThat(Topics.DEPLOYMENTS.valueSerde().deserializer().deserialize(Topics.DEPLOYMENTS.name(), bytes(intruder.getPayload())))
                    .isEqualTo(running(bid(1), OTHER, T0.plusSeconds(2)));
            assertThat(d.scores()).singleElement().satisfies(s -> assertThat(s.getSuccesses()).isEqualTo(1));
        }
    }

    @Test
    void shouldAddVerifiedAttestationsAsPriorWeightAndDeadLetterTheRest() {
        TestAuditor acme = TestAuditor.generate("acme-audit");
        TestAuditor stranger = TestAuditor.generate("stranger");
        try (ReputationDriver d = new ReputationDriver(acme)) {
            Attestation valid = acme.attest(OP, AttestationVerdict.PASSED, T0.minus(Duration.ofDays(30)), T0);
            Attestation unknown = stranger.attest(OP, AttestationVerdict.PASSED, T0, T0.plusSeconds(1));
            Attestation signed = acme.attest(OP, AttestationVerdict.FAILED, T0, T0.plusSeconds(2));
            Attestation tampered = Attestation.newBuilder(signed).setClaims(AttestationClaims.newBuilder(signed.getClaims())
                    .setVerdict(AttestationVerdict.PASSED).build()).build();

            d.pipe(valid);
            d.pipe(valid);
            d.pipe(unknown);
            d.pipe(tampered);
            d.pipe(OTHER, acme.attest(OP, AttestationVerdict.PASSED, T0, T0.plusSeconds(3)));

            assertThat(d.scores()).singleElement().satisfies(score -> {
                assertThat(score.getAttestations()).isEqualTo(1);
                assertThat(score.getSuccesses()).isZero();
                assertThat(score.getSuccessWeight()).isCloseTo(1.0, within(1e-12)); // 2 successes' weight, audited a half-life ago
            });
            assertThat(d.deadLetters()).extracting(DeadLetter::getReason).satisfiesExactly(
                    r -> assertThat(r).startsWith("unknown auditor " + stranger.id()),
                    r -> assertThat(r).isEqualTo("invalid signature by auditor acme-audit"),
                    r -> assertThat(r).isEqualTo("record key " + OTHER + " is not the attestation's operatorId " + OP));
            OperatorRecord stored = d.scoreStore().get(OP);
            assertThat(stored.reputation().attestations()).singleElement().satisfies(a -> {
                assertThat(a.auditorName()).isEqualTo("acme-audit");
                assertThat(a.region()).isEqualTo("eu-west");
                assertThat(a.hardwareClass()).isEqualTo("gpu-a100");
            });
            assertThat(stored.reputation().recent().get(0).reason()).contains("acme-audit", "PASSED", "eu-west", "gpu-a100");
            assertThat(d.metrics.operatorsTracked()).isZero();
        }
    }

    @Test
    void shouldDecayIdleOperatorsOverMonthsAndRepublish() {
        try (ReputationDriver d = new ReputationDriver()) {
            for (int i = 0; i < 10; i++) {
                d.pipe(award(bid(i), OP, T0, DEADLINE));
                d.pipe(running(bid(i), OP, T0.plusSeconds(60)));
            }
            List<OperatorScore> active = d.scores();
            int last = active.get(active.size() - 1).getScoreBps();

            int previous = last;
            for (int month = 1; month <= 6; month++) {
                d.advanceWallClock(Duration.ofDays(30));
                OperatorScore decayed = d.scores().get(0);
                assertThat(decayed.getScoreBps()).as("month %d", month).isLessThan(previous);
                assertThat(decayed.getOccurredAt()).isEqualTo(T0.plus(Duration.ofDays(30L * month)));
                assertThat(decayed.getSuccesses()).isEqualTo(10);
                previous = decayed.getScoreBps();
            }
            assertThat(d.scoreStore().get(OP).reputation().successWeight()).isEqualTo(10.0);
            assertThat(d.metrics.operatorsTracked()).isEqualTo(1);
        }
    }

    @Test
    void shouldProduceIdenticalOutputWhenTheSameInputIsReplayed() {
        TestAuditor acme = TestAuditor.generate("acme-audit");
        Consumer<ReputationDriver> script = d -> {
            d.pipe(acme.attest(OP, AttestationVerdict.PASSED, T0.minus(Duration.ofDays(3)), T0));
            for (int i = 0; i < 30; i++) {
                Instant awardedAt = T0.plus(Duration.ofHours(5L * i));
                String operator = i % 3 == 0 ? OTHER : OP;
                d.pipe(award(bid(i), operator, awardedAt, awardedAt.plus(Duration.ofMinutes(5))));
                if (i % 7 == 3) {
                    d.pipe(failed(bid(i), operator, awardedAt.plusSeconds(30)));
                    d.pipe(refunded(bid(i), awardedAt.plus(Duration.ofMinutes(30))));
                } else if (i % 5 != 4) {
                    d.pipe(running(bid(i), operator, awardedAt.plusSeconds(100 + i)));
                    d.pipe(claimed(bid(i), operator, awardedAt.plus(Duration.ofHours(1)), i % 2 == 0));
                }
            }
            d.pipeRaw(Topics.SETTLEMENTS.name(), bid(99), new byte[] {9}, T0.plus(Duration.ofDays(10)));
        };

        List<OperatorScore> firstScores;
        List<DeadLetter> firstDeadLetters;
        try (ReputationDriver first = new ReputationDriver(acme)) {
            script.accept(first);
            firstScores = first.scores();
            firstDeadLetters = first.deadLetters();
        }
        try (ReputationDriver second = new ReputationDriver(acme)) {
            script.accept(second);

            assertThat(second.scores()).isEqualTo(firstScores);
            assertThat(second.deadLetters()).isEqualTo(firstDeadLetters);
        }
        assertThat(firstScores).hasSizeGreaterThan(40);
        assertThat(firstScores).anySatisfy(s -> assertThat(s.getFailures()).isPositive());
        assertThat(firstDeadLetters).hasSize(1);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }
}
