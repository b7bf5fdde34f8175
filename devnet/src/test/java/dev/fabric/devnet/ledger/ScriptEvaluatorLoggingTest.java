package dev.fabric.devnet.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fabric.plutus.eval.ScriptEvaluator;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The devnet validates every script transaction with Scalus, outside Quarkus (nothing configures
 * log levels). With DEBUG open, Scalus renders every script context as JSON: as much CPU as the
 * evaluation itself.
 */
class ScriptEvaluatorLoggingTest {

    @Test
    void shouldKeepScalusFromRenderingScriptContexts() {
        assertThat(LedgerFixtures.RULES.evaluator()).isInstanceOf(ScriptEvaluator.class);
        assertThat(LoggerFactory.getLogger("scalus.bloxbean.TxEvaluator").isDebugEnabled()).isFalse();
        assertThat(LoggerFactory.getLogger("scalus.bloxbean.TxEvaluator").isInfoEnabled()).isTrue();
    }
}
