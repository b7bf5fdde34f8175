package dev.fabric.settlement.adapter;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Gets the arbiter ready on the head (reference scripts published, collateral found) as soon as
 * the service runs, rather than on the first award; retries until it is, logging each new reason.
 */
@ApplicationScoped
public class WalletWarmup {

    private static final Logger LOG = Logger.getLogger(WalletWarmup.class);

    @Inject
    ArbiterWallet wallet;

    private String lastReason = "";

    @Scheduled(every = "${settlement.head.warmup-every}", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void warmUp() {
        if (wallet.notReadyBecause().isEmpty()) {
            return;
        }
        try {
            wallet.session();
        } catch (HeadUnavailableException e) {
            if (!e.getMessage().equals(lastReason)) {
                LOG.infof("arbiter not ready on the head yet: %s", e.getMessage());
                lastReason = e.getMessage();
            }
        }
    }
}
