package dev.fabric.grid.cli;

import dev.fabric.events.v1.offer.OfferEvent;
import dev.fabric.events.v1.offer.OfferMade;
import dev.fabric.topics.Topics;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fabric offers list}: the offers made for a bid and what became of them. */
@Command(name = "offers", description = "Offers for a bid.", subcommands = OffersCommand.ListOffers.class)
final class OffersCommand {

    @Command(name = "list", description = "Every offer made for a bid, with its latest state.")
    static final class ListOffers implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        TopicsCommand.KafkaOptions kafka;

        @Parameters(index = "0", description = "The bid (txId#index).")
        String bidRef;

        @Override
        public Integer call() {
            Map<String, String[]> offers = new LinkedHashMap<>();
            try (KafkaConsumer<String, byte[]> consumer = kafka.consumer()) {
                for (OfferEvent e : KeyedRecords.read(consumer, Topics.OFFERS, bidRef)) {
                    if (e.getPayload() instanceof OfferMade m) {
                        offers.put(e.getOfferRef(), new String[] {m.getOperatorId(), Long.toString(m.getPrice()), "open"});
                    } else if (offers.containsKey(e.getOfferRef())) {
                        offers.get(e.getOfferRef())[2] = e.getPayload().getClass().getSimpleName();
                    }
                }
            }
            PrintWriter out = spec.commandLine().getOut();
            if (offers.isEmpty()) {
                out.println("no offers for " + bidRef);
                return 0;
            }
            out.printf("%-70s %-58s %14s  %s%n", "offer", "operator", "price", "state");
            offers.forEach((ref, o) -> out.printf("%-70s %-58s %14s  %s%n", ref, o[0], o[1], o[2]));
            return 0;
        }
    }
}
