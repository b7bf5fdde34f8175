package dev.fabric.grid.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fabric.grid.launch.GridReport;
import dev.fabric.grid.view.MarketSnapshot;
import dev.fabric.grid.view.Repeat;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChaosReportTest {

    private static final List<ChaosReport.Injected> FAULTS = List.of(
            new ChaosReport.Injected(new Fault(Fault.Kind.KILL_SERVICE, "auction", Duration.ofSeconds(5)), Duration.ofSeconds(5),
                    Duration.ofMillis(4_200), ""),
            new ChaosReport.Injected(new Fault(Fault.Kind.DROP_HEAD_LINK, "", Duration.ofSeconds(9)), Duration.ofSeconds(9),
                    Duration.ZERO, "cut 4 connections"));

    private static GridReport grid(List<String> violations, List<String> overdue, long end) {
        MarketSnapshot market = new MarketSnapshot(Instant.EPOCH, 0, 3, 1, 1, 0, 9, 0, 0, 0, 0, List.of(), List.of(), List.of(), violations);
        List<String> all = new java.util.ArrayList<>(violations);
        overdue.forEach(b -> all.add("bid " + b + " still open past its deadline + 60 s"));
        return new GridReport(market, overdue, BigInteger.valueOf(100), BigInteger.valueOf(end), all);
    }

    @Test
    void shouldPassWhenNothingWasLostDoubledOrLeaked() {
        ChaosReport report = new ChaosReport(FAULTS, grid(List.of(), List.of(), 100), List.of(),
                Map.of("offer-1", 2L, "bid-1", 1L),
                Map.of("offer-1", new Repeat("offer", "bid-1", 2), "rejection-1", new Repeat("offer", "offer-1", 2),
                        "decision-1", new Repeat("decision", "bid-1", 1)));

        assertThat(report.passed()).isTrue();
        assertThat(report.repeatsByKind()).containsEntry("offer", 4L).containsEntry("decision", 1L);
        assertThat(report.invariants()).hasSize(7).allSatisfy(i -> assertThat(i.holds()).isTrue());
        assertThat(report.render()).contains("| kill -9 service").contains("auction @5s (back in 4.2 s)")
                .contains("cut 4 connections @9s").doesNotContain("FAIL");
    }

    @Test
    void shouldFailEachInvariantOnItsOwnEvidence() {
        ChaosReport report = new ChaosReport(FAULTS,
                grid(List.of("double award on aa#0: op1 and op2", "lease of bb#0 settled twice", "bid cc#0 closed twice: AWARDED then EXPIRED"),
                        List.of("dd#0"), 90),
                List.of("8090: offer hold on ee#0 (bid EXPIRED)"), Map.of("offer-1", 1L),
                Map.of("offer-1", new Repeat("offer", null, 1), "settlement-1", new Repeat("settlement", "lease-1", 2)));

        assertThat(report.passed()).isFalse();
        assertThat(report.invariants()).extracting(ChaosReport.Invariant::holds).containsExactly(false, false, false, false, false, false, true);
        assertThat(report.downstreamRepeats()).containsOnlyKeys("settlement-1");
        assertThat(report.downstreamRepeats().get("settlement-1")).isEqualTo("settlement settlement-1 ×2");
        assertThat(report.render()).contains("FAIL").contains("dd#0").contains("ee#0");
    }

    @Test
    void shouldCountButNotFailTheDeployersAnswersToARedeliveredInput() {
        ChaosReport report = new ChaosReport(FAULTS, grid(List.of(), List.of(), 100), List.of(), Map.of(),
                Map.of("provisioning-1", new Repeat("deployment", "lease-confirmed-1", 1),
                        "failed-1", new Repeat("deployment", null, 1)));

        assertThat(report.reansweredRedeliveries()).containsOnlyKeys("provisioning-1");
        assertThat(report.downstreamRepeats()).containsOnlyKeys("failed-1");
        assertThat(report.invariants().get(5).holds()).isFalse();
        assertThat(report.invariants().get(5).detail()).contains("answered 1 input(s) redelivered after its crash again");
    }

    @Test
    void shouldReportAViolationNoInvariantNames() {
        ChaosReport report = new ChaosReport(FAULTS, grid(List.of("something unexpected"), List.of(), 100), List.of(), Map.of(), Map.of());

        assertThat(report.invariants().get(6).holds()).isFalse();
        assertThat(report.invariants().get(6).detail()).isEqualTo("something unexpected");
    }
}
