package dev.fabric.devnet.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fabric.plutus.eval.ScriptEvaluator;
import dev.fabric.plutus.eval.SlotTiming;
import dev.fabric.plutus.params.ProtocolParameters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
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

    /** Surefire installs the JBoss LogManager as JUL's manager; a plain {@code java -cp ... DevnetMain} does not. */
    @Test
    void shouldKeepScalusQuietInAPlainJvmToo() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process probe = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"), Probe.class.getName()))
                .redirectErrorStream(true).start();
        assertThat(probe.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(out).contains("manager=null").contains("scalus debug=false");
    }

    /** Run in a JVM of its own, without a JUL manager. */
    public static final class Probe {
        public static void main(String[] args) {
            new ScriptEvaluator(ProtocolParameters.l2Default(), SlotTiming.devnet(0));
            System.out.println("manager=" + System.getProperty("java.util.logging.manager")
                    + " scalus debug=" + LoggerFactory.getLogger("scalus.bloxbean.TxEvaluator").isDebugEnabled());
        }
    }
}
