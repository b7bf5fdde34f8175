package dev.fabric.grid.cli;

import dev.fabric.events.v1.award.AuctionDecision;
import dev.fabric.events.v1.award.RankedOffer;
import dev.fabric.events.v1.bid.BidEvent;
import dev.fabric.events.v1.bid.BidOpened;
import dev.fabric.events.v1.deployment.DeploymentEvent;
import dev.fabric.events.v1.offer.OfferEvent;
import dev.fabric.events.v1.offer.OfferMade;
import dev.fabric.events.v1.settlement.SettlementEvent;
import dev.fabric.topics.Topics;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fabric bid show}: one bid's whole story, from the topics, in time order. */
@Command(name = "show", description = "A bid's timeline: opened, offers, decision with ranking, lease, deployment, settlement.")
final class BidTimeline implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    TopicsCommand.KafkaOptions kafka;

    @Parameters(index = "0", description = "The bid (txId#index).")
    String bidRef;

    private record Line(Instant at, String text) {
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<Line> lines = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = kafka.consumer()) {
            for (BidEvent e : KeyedRecords.read(consumer, Topics.BIDS, bidRef)) {
                lines.add(new Line(e.getOccurredAt(), describe(e)));
            }
            for (OfferEvent e : KeyedRecords.read(consumer, Topics.OFFERS, bidRef)) {
                lines.add(new Line(e.getOccurredAt(), describe(e)));
            }
            for (AuctionDecision d : KeyedRecords.read(consumer, Topics.AWARDS, bidRef)) {
                lines.add(new Line(d.getOccurredAt(), describe(d)));
            }
            for (SettlementEvent e : KeyedRecords.read(consumer, Topics.SETTLEMENTS, bidRef)) {
                lines.add(new Line(e.getOccurredAt(), e.getPayload().getClass().getSimpleName() + " " + e.getPayload()));
            }
            for (DeploymentEvent e : KeyedRecords.read(consumer, Topics.DEPLOYMENTS, bidRef)) {
                lines.add(new Line(e.getOccurredAt(), "deployment " + e.getPayload().getClass().getSimpleName() + " by "
                        + e.getOperatorId() + " " + e.getPayload()));
            }
        }
        if (lines.isEmpty()) {
            throw new CliInputException("nothing is known about " + bidRef + " (is it a bidRef like <txId>#0?)");
        }
        lines.sort(Comparator.comparing(Line::at));
        out.println("Bid " + bidRef);
        lines.forEach(l -> out.println("  " + l.at() + "  " + l.text()));
        return 0;
    }

    private static String describe(BidEvent e) {
        if (e.getPayload() instanceof BidOpened o) {
            return String.format("opened: %s, %d..%d lovelace, %dm CPU %d MiB %d GiB %d GPU for %d s, deadline %s",
                    o.getMode().getKind(), o.getMinPrice(), o.getMaxPrice(), o.getRequest().getCpuMillis(), o.getRequest().getMemoryMiB(),
                    o.getRequest().getStorageGiB(), o.getRequest().getGpus(), o.getRequest().getDurationSeconds(), o.getDeadline());
        }
        return e.getPayload().getClass().getSimpleName() + " " + e.getPayload();
    }

    private static String describe(OfferEvent e) {
        if (e.getPayload() instanceof OfferMade m) {
            return "offer " + e.getOfferRef() + " by " + m.getOperatorId() + " at " + m.getPrice() + " lovelace";
        }
        return "offer " + e.getOfferRef() + " " + e.getPayload().getClass().getSimpleName() + " " + e.getPayload();
    }

    private static String describe(AuctionDecision d) {
        StringBuilder text = new StringBuilder(String.format("decision (%s, %s): winner %s at %d lovelace; deploy by %s",
                d.getMode(), d.getRule(), d.getWinnerOperatorId(), d.getPrice(), d.getDeployDeadline()));
        for (RankedOffer r : d.getRanking()) {
            text.append(String.format("%n      #%d %s %d lovelace %s — %s", r.getRank(), r.getOperatorId(), r.getPrice(), r.getOutcome(),
                    r.getDetail()));
        }
        return text.toString();
    }
}
