package dev.fabric.devnet.junit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Starts one devnet for the test class (stopped after it) and injects {@link dev.fabric.devnet.HydraDevnet}
 * into test and lifecycle method parameters.
 *
 * <pre>{@code
 * @WithHydraDevnet(initialUtxo = "devnet/utxo.json")
 * class SettlementTest {
 *     @Test void settles(HydraDevnet devnet) { ... devnet.webSocketUri() ... }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(HydraDevnetExtension.class)
public @interface WithHydraDevnet {

    /** Classpath resource (or file) with the UTxO to commit at start; empty: none. */
    String initialUtxo() default "";

    /** Open the head at start (as hydra-node's offline mode); false waits for {@code Init}. */
    boolean open() default true;

    /** {@code per-tx} or {@code batch:<maxTxs>:<maxDelayMs>}. */
    String snapshotPolicy() default "per-tx";

    long contestationPeriodSeconds() default 1;
}
