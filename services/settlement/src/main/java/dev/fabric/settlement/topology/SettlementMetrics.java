package dev.fabric.settlement.topology;

import dev.fabric.settlement.adapter.HeadActivity;
import dev.fabric.settlement.domain.MoneyRules;
import dev.fabric.settlement.domain.Notice;
import dev.fabric.settlement.domain.Publication;
import dev.fabric.settlement.domain.TxPurpose;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Settlement's meters. The invariant counters are the money alarm: any increment of
 * {@code settlement_invariant_violations_total} means a confirmed transaction broke a conservation
 * rule and must be investigated.
 */
public final class SettlementMetrics implements HeadActivity {

    private final MeterRegistry registry;

    public SettlementMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        for (MoneyRules.Rule rule : MoneyRules.Rule.values()) {
            violations(rule); // registered up front, so an alert on it sees 0 rather than nothing
        }
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void published(Publication publication) {
        registry.counter("settlement_events_published_total", "type", publication.getClass().getSimpleName()).increment();
    }

    public void deadLettered(String sourceTopic) {
        registry.counter("settlement_dead_letters_total", "source", sourceTopic).increment();
    }

    public void noticed(Notice notice) {
        registry.counter("settlement_notices_total", "kind", notice.kind().name().toLowerCase(Locale.ROOT)).increment();
    }

    public void checked(MoneyRules.Verdict verdict) {
        registry.counter("settlement_invariant_checks_total", "rule", verdict.rule().name().toLowerCase(Locale.ROOT)).increment();
        if (!verdict.holds()) {
            violations(verdict.rule()).increment();
        }
    }

    public double violationCount() {
        double total = 0;
        for (MoneyRules.Rule rule : MoneyRules.Rule.values()) {
            total += violations(rule).count();
        }
        return total;
    }

    private Counter violations(MoneyRules.Rule rule) {
        return registry.counter("settlement_invariant_violations_total", "rule", rule.name().toLowerCase(Locale.ROOT));
    }

    @Override
    public void completed(TxPurpose purpose, Duration took) {
        Timer.builder("settlement_tx_complete_seconds").description("build, evaluate scripts and sign one transaction")
                .tag("purpose", purpose.name().toLowerCase(Locale.ROOT)).register(registry).record(took);
    }

    @Override
    public void submitted(TxPurpose purpose, Duration took) {
        Timer.builder("settlement_tx_submit_seconds").description("POST /transaction round trip")
                .tag("purpose", purpose.name().toLowerCase(Locale.ROOT)).register(registry).record(took);
    }

    @Override
    public void headTrouble(String kind) {
        registry.counter("settlement_head_errors_total", "kind", kind).increment();
    }
}
