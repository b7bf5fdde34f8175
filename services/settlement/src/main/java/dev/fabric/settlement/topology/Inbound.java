package dev.fabric.settlement.topology;

import dev.fabric.events.v1.award.AuctionDecision;
import dev.fabric.events.v1.deployment.DeploymentEvent;
import dev.fabric.settlement.domain.ChainFact;
import java.util.Objects;

/** One record reaching the settlement processor, still in its topic's form (a dead letter needs it). */
sealed interface Inbound {

    record Award(AuctionDecision decision) implements Inbound {
        public Award {
            Objects.requireNonNull(decision, "decision");
        }
    }

    record Deployment(DeploymentEvent event) implements Inbound {
        public Deployment {
            Objects.requireNonNull(event, "event");
        }
    }

    record Chain(ChainFact fact) implements Inbound {
        public Chain {
            Objects.requireNonNull(fact, "fact");
        }
    }
}
